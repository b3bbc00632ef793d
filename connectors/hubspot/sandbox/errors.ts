// HubSpot's error envelope: {status, message, correlationId, category, subCategory?, errors?, context?}
// (shared/reference/hubspot.md §6 "Errors"). Route handlers throw SandboxApiError; one Express error
// handler turns it into the response, so every error has exactly one mapping to an HTTP status.
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';

export interface ErrorDetail {
  message: string;
  code?: string;
  in?: string;
  context?: Record<string, string[]>;
}

export interface HubspotErrorBody {
  status: 'error';
  message: string;
  correlationId: string;
  category: string;
  subCategory?: string;
  context?: Record<string, string[]>;
  errors?: ErrorDetail[];
}

export class SandboxApiError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, string>;
  constructor(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
    super(String(body['message'] ?? `HTTP ${status}`));
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

export function buildErrorBody(category: string, message: string, extra: Partial<HubspotErrorBody> = {}): HubspotErrorBody {
  return { status: 'error', message, correlationId: randomUUID(), category, ...extra };
}

export function apiError(status: number, category: string, message: string, extra: Partial<HubspotErrorBody> = {}): SandboxApiError {
  return new SandboxApiError(status, { ...buildErrorBody(category, message, extra) });
}

export function validationError(message: string, extra: Partial<HubspotErrorBody> = {}): SandboxApiError {
  return apiError(400, 'VALIDATION_ERROR', message, extra);
}

/** Message HubSpot uses for unknown / deleted ids in batch reads ("CONTACT", "COMPANY", ...). */
export function notFoundMessage(objectLabel: string): string {
  return `Could not get some ${objectLabel} objects, they may be deleted or not exist. Check that ids are valid.`;
}

export function sendApiError(res: Response, err: SandboxApiError): void {
  res.set(err.headers).status(err.status).json(err.body);
}

const OUTAGE_CATEGORIES: Record<number, [string, string]> = {
  500: ['INTERNAL_ERROR', 'internal error'],
  502: ['BAD_GATEWAY', 'Bad Gateway'],
  503: ['SERVICE_UNAVAILABLE', 'Service Unavailable'],
  504: ['GATEWAY_TIMEOUT', 'Gateway Timeout'],
  423: ['LOCKED', 'Locked: the record is being updated by another request, retry after 2 seconds'],
  477: ['MIGRATION_IN_PROGRESS', 'Migration in progress'],
};

/** Body for an injected outage response with the given status. */
export function buildOutageBody(status: number): HubspotErrorBody {
  const [category, message] = OUTAGE_CATEGORIES[status] ?? ['SERVICE_UNAVAILABLE', `HTTP ${status}`];
  return buildErrorBody(category, message);
}
