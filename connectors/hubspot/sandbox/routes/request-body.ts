// Small helpers to read request bodies and queries defensively.
import type { Request } from 'express';
import { validationError } from '../errors.ts';

export function bodyObject(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw validationError('Invalid input JSON: expected a JSON object body');
  return body as Record<string, unknown>;
}

export function queryInt(value: unknown, fallback: number, max: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw validationError(`${name} must be a positive integer`);
  return Math.min(n, max);
}

export function isoNow(now: () => number): string {
  return new Date(now()).toISOString();
}
