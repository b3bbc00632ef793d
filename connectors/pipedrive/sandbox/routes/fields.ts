// Field metadata (pipedrive.md §3.3): GET /api/v2/personFields and /organizationFields (cursor
// pages), GET / DELETE one by field_code, POST to create a custom field (a new 40-char hash), and
// bulk option edits: POST / PATCH / DELETE /{field_code}/options. Creating needs the `admin` or
// `contact-fields:full` scope.
import type { Request } from 'express';
import type { ApiRouter } from '../api-router.ts';
import type { SandboxContext } from '../context.ts';
import { badRequest, notFound } from '../errors.ts';
import { CUSTOM_FIELD_TYPES, OPTION_TYPES, type FieldDef } from '../field-registry.ts';
import { bodyObject, isInt, isObj, rejectUnknown } from '../input-checks.ts';
import { MAX_LIMIT, queryInt, queryString } from '../list-query.ts';
import type { CustomFieldType, FieldEntity } from '../types.ts';

const READ = ['contacts:read', 'contacts:full', 'admin', 'contact-fields:full'];
const WRITE = ['admin', 'contact-fields:full'];
const FIELD_PARAMS = ['field_name', 'field_type', 'options', 'ui_visibility', 'important_fields', 'required_fields'];

function labels(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((o) => isObj(o) && typeof o['label'] === 'string' && o['label'].trim() !== '')) {
    throw badRequest(`${what} must be a non-empty array of {label}`);
  }
  return value.map((o) => String((o as { label: string }).label));
}

function optionIds(value: unknown): { id: number; label?: string }[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((o) => isObj(o) && isInt(o['id']))) throw badRequest('the body must be a non-empty array of {id}');
  return value as { id: number; label?: string }[];
}

export function registerFieldRoutes(api: ApiRouter, ctx: SandboxContext): void {
  for (const entity of ['person', 'organization'] as FieldEntity[]) {
    const base = `/api/v2/${entity}Fields`;
    const field = (req: Request): FieldDef => {
      const f = ctx.fields.get(entity, String(req.params['code']));
      if (!f) throw notFound(`${entity === 'person' ? 'Person' : 'Organization'} field`);
      return f;
    };
    const customField = (req: Request): FieldDef => {
      const f = field(req);
      if (!f.is_custom_field) throw badRequest(`"${f.field_code}" is a built-in field: only custom fields can be changed`);
      return f;
    };

    api.add('get', base, { kind: 'api', op: 'list', version: 'v2', scopes: READ }, (req, res) => {
      const all = ctx.fields.list(entity);
      const limit = queryInt(req.query, 'limit') ?? 100;
      if (limit < 1 || limit > MAX_LIMIT) throw badRequest(`limit must be between 1 and ${MAX_LIMIT}, got ${limit}`);
      const cursor = queryString(req.query, 'cursor');
      const start = cursor === undefined ? 0 : Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^offset:/, ''));
      if (!Number.isInteger(start) || start < 0) throw badRequest('cursor is invalid: pass additional_data.next_cursor from the previous page as is');
      const page = all.slice(start, start + limit);
      const next = start + limit < all.length ? Buffer.from(`offset:${start + limit}`).toString('base64url') : null;
      res.json({ success: true, data: page, additional_data: { next_cursor: next } });
    });

    api.add('get', `${base}/:code`, { kind: 'api', op: 'get', version: 'v2', scopes: READ }, (req, res) => {
      res.json({ success: true, data: field(req) });
    });

    api.add('post', base, { kind: 'api', op: 'create', version: 'v2', scopes: WRITE }, (req, res) => {
      const body = bodyObject(req.body);
      rejectUnknown(body, FIELD_PARAMS, `POST ${base}`);
      const name = body['field_name'];
      if (typeof name !== 'string' || name.trim() === '') throw badRequest('field_name must be a non-empty string');
      const type = body['field_type'] as CustomFieldType;
      if (!CUSTOM_FIELD_TYPES.includes(type)) throw badRequest(`field_type must be one of ${CUSTOM_FIELD_TYPES.join(', ')}, got ${JSON.stringify(type)}`);
      let options: string[] = [];
      if (OPTION_TYPES.has(type)) options = labels(body['options'], `options (required for ${type} fields)`);
      else if (body['options'] !== undefined) throw badRequest(`options are only accepted for enum and set fields, not ${type}`);
      // Pipedrive allows two fields with the same name; so does the sandbox (clients must dedupe).
      res.json({ success: true, data: ctx.fields.create(entity, name.trim(), type, options) });
    });

    api.add('delete', `${base}/:code`, { kind: 'api', op: 'delete', version: 'v2', scopes: WRITE }, (req, res) => {
      const f = customField(req);
      ctx.fields.remove(entity, f.field_code);
      ctx.store.dropCustom(entity, f.field_code);
      res.json({ success: true, data: { field_code: f.field_code } });
    });

    const optionSpec = (op: 'create' | 'update' | 'delete') => ({ kind: 'api' as const, op, version: 'v2' as const, scopes: WRITE });
    const optionField = (req: Request) => {
      const f = customField(req);
      if (!OPTION_TYPES.has(f.field_type)) throw badRequest(`"${f.field_name}" is a ${f.field_type} field: only enum and set fields have options`);
      return f;
    };
    api.add('post', `${base}/:code/options`, optionSpec('create'), (req, res) => {
      const f = optionField(req);
      ctx.fields.addOptions(f, labels(req.body, 'the body'));
      res.json({ success: true, data: f.options });
    });
    api.add('patch', `${base}/:code/options`, optionSpec('update'), (req, res) => {
      const f = optionField(req);
      const changes = optionIds(req.body);
      const unknown = changes.filter((c) => !f.options?.some((o) => o.id === c.id) || typeof c.label !== 'string');
      if (unknown.length) throw badRequest(`each entry needs the id of an existing option and a label: ${JSON.stringify(unknown)}`);
      ctx.fields.renameOptions(f, changes as { id: number; label: string }[]);
      res.json({ success: true, data: f.options });
    });
    api.add('delete', `${base}/:code/options`, optionSpec('delete'), (req, res) => {
      const f = optionField(req);
      ctx.fields.removeOptions(f, optionIds(req.body).map((o) => o.id));
      res.json({ success: true, data: f.options });
    });
  }
}
