// Batch object routes (v3): read / create / update / archive, max 100 inputs
// (shared/reference/hubspot.md §6). Partial failures answer 207 with per-row errors and apply
// the good rows; the status is COMPLETE either way.
import type { Request, Response } from 'express';
import type { ApiRouter } from '../api-router.ts';
import type { SandboxContext } from '../context.ts';
import { notFoundMessage, validationError } from '../errors.ts';
import { objectLabel, toApiObject } from '../record-output.ts';
import { applyCreate, checkCreate, checkUpdate, problemError } from '../record-writes.ts';
import type { CheckedCreate } from '../record-writes.ts';
import { objectScopes } from '../scopes.ts';
import { CRM_OBJECT_TYPES } from '../types.ts';
import type { CrmObjectType } from '../types.ts';
import { findRecord } from './objects.ts';
import { bodyObject, isoNow } from './request-body.ts';

export const MAX_BATCH_INPUTS = 100; // §6 "Max 100 inputs per request"
const MAX_HISTORY_INPUTS = 50; // observed: "...batch request for property histories is 50"

interface RowError { status: 'error'; category: string; message: string; context: Record<string, string[]>; errors?: unknown[] }

function readInputs(body: Record<string, unknown>): Record<string, unknown>[] {
  const inputs = body['inputs'];
  if (!Array.isArray(inputs)) throw validationError('inputs must be an array');
  if (inputs.length > MAX_BATCH_INPUTS) {
    throw validationError(`Too many inputs: ${inputs.length}. The maximum number of inputs supported in a batch request is ${MAX_BATCH_INPUTS}.`);
  }
  return inputs.map((i) => (typeof i === 'object' && i !== null ? i as Record<string, unknown> : {}));
}

function finish(res: Response, status: number, startedAt: string, results: unknown[], errors: RowError[], now: () => number): void {
  const body: Record<string, unknown> = { status: 'COMPLETE', results, startedAt, completedAt: isoNow(now) };
  if (errors.length > 0) Object.assign(body, { numErrors: errors.length, errors });
  res.status(errors.length > 0 ? 207 : status).json(body);
}

export function registerBatchRoutes(api: ApiRouter, ctx: SandboxContext): void {
  for (const type of CRM_OBJECT_TYPES) {
    const base = `/crm/v3/objects/${type}/batch`;
    const read = { kind: 'standard' as const, scopes: objectScopes(type, 'read') };
    const write = { kind: 'standard' as const, scopes: objectScopes(type, 'write') };
    api.add('post', `${base}/read`, read, (req, res) => batchRead(ctx, type, req, res));
    api.add('post', `${base}/create`, write, (req, res) => batchCreate(ctx, type, req, res));
    api.add('post', `${base}/update`, write, (req, res) => batchUpdate(ctx, type, req, res));
    api.add('post', `${base}/archive`, write, (req, res) => {
      for (const input of readInputs(bodyObject(req))) ctx.store.archive(type, String(input['id'] ?? ''), ctx.integrationOrigin);
      res.status(204).end();
    });
  }
}

function batchRead(ctx: SandboxContext, type: CrmObjectType, req: Request, res: Response): void {
  const startedAt = isoNow(ctx.now);
  const body = bodyObject(req);
  const inputs = readInputs(body);
  const withHistory = Array.isArray(body['propertiesWithHistory']) ? (body['propertiesWithHistory'] as unknown[]).map(String) : [];
  if (withHistory.length > 0 && inputs.length > MAX_HISTORY_INPUTS) {
    throw validationError(`The maximum number of inputs supported in a batch request for property histories is ${MAX_HISTORY_INPUTS}. Please reduce the number of items and try again`);
  }
  const requested = Array.isArray(body['properties']) ? (body['properties'] as unknown[]).map(String) : undefined;
  const missing: string[] = [];
  const results: unknown[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const id = String(input['id'] ?? '');
    const record = findRecord(ctx, type, id, body['idProperty']);
    if (!record) { missing.push(id); continue; }
    if (seen.has(record.id)) continue; // HubSpot returns each object once
    seen.add(record.id);
    const out: Record<string, unknown> = { ...toApiObject(ctx.registry, record, requested) };
    if (withHistory.length > 0) {
      // The sandbox keeps no property history: the current value is the only entry.
      out['propertiesWithHistory'] = Object.fromEntries(withHistory.map((name) => [name, record.properties[name] === undefined ? [] : [{
        value: record.properties[name], timestamp: new Date(record.updatedAt).toISOString(), sourceType: 'API',
      }]]));
    }
    results.push(out);
  }
  const errors: RowError[] = missing.length === 0 ? [] : [{
    status: 'error', category: 'OBJECT_NOT_FOUND', message: notFoundMessage(objectLabel(type)), context: { ids: missing },
  }];
  finish(res, 200, startedAt, results, errors, ctx.now);
}

function batchCreate(ctx: SandboxContext, type: CrmObjectType, req: Request, res: Response): void {
  const startedAt = isoNow(ctx.now);
  const inputs = readInputs(bodyObject(req));
  const claimed = new Set<string>();
  const checked: [Record<string, unknown>, CheckedCreate][] = inputs.map((input) => [input, checkCreate(ctx, type, input['properties'], input['associations'], claimed)]);
  // §6: per-row errors only when every input carries objectWriteTraceId; otherwise the batch fails whole.
  const traced = inputs.length > 0 && inputs.every((i) => typeof i['objectWriteTraceId'] === 'string');
  const firstProblem = checked.find(([, c]) => !c.ok)?.[1];
  if (firstProblem && !firstProblem.ok && !traced) throw problemError(firstProblem.problem);
  const results: unknown[] = [];
  const errors: RowError[] = [];
  for (const [input, check] of checked) {
    if (!check.ok) {
      errors.push({ status: 'error', category: check.problem.category, message: check.problem.message, context: { objectWriteTraceId: [String(input['objectWriteTraceId'])] }, ...(check.problem.errors ? { errors: check.problem.errors } : {}) });
      continue;
    }
    const record = applyCreate(ctx, type, check, ctx.integrationOrigin);
    const out: Record<string, unknown> = { ...toApiObject(ctx.registry, record, Object.keys(check.values)) };
    if (traced) out['objectWriteTraceId'] = input['objectWriteTraceId'];
    results.push(out);
  }
  finish(res, 201, startedAt, results, errors, ctx.now);
}

function batchUpdate(ctx: SandboxContext, type: CrmObjectType, req: Request, res: Response): void {
  const startedAt = isoNow(ctx.now);
  const body = bodyObject(req);
  const inputs = readInputs(body);
  const ids = inputs.map((i) => String(i['id'] ?? ''));
  const duplicates = [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
  if (duplicates.length > 0) throw validationError(`Duplicate IDs found in batch input: [${duplicates.join(', ')}]. IDs must be unique`);
  const results: unknown[] = [];
  const errors: RowError[] = [];
  const missing: string[] = [];
  for (const input of inputs) {
    const id = String(input['id'] ?? '');
    const record = findRecord(ctx, type, id, input['idProperty'] ?? body['idProperty']);
    if (!record) { missing.push(id); continue; }
    const check = checkUpdate(ctx, type, record.id, input['properties']);
    if (!check.ok) {
      errors.push({ status: 'error', category: check.problem.category, message: check.problem.message, context: { ids: [id] }, ...(check.problem.errors ? { errors: check.problem.errors } : {}) });
      continue;
    }
    ctx.store.update(type, record.id, check.values, ctx.integrationOrigin);
    results.push(toApiObject(ctx.registry, record, Object.keys(check.values)));
  }
  if (missing.length > 0) errors.unshift({ status: 'error', category: 'OBJECT_NOT_FOUND', message: notFoundMessage(objectLabel(type)), context: { ids: missing } });
  finish(res, 200, startedAt, results, errors, ctx.now);
}
