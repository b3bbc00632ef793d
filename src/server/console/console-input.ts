// Request input of the console's JSON API: bodies read raw (the route's own size limit) and
// parsed here, so JSON.parse's messages (which quote the input) never reach a log; every field
// checked with zod and refused with the path and the problem (400).
import { z } from 'zod';
import { InputError } from '../../errors.ts';

export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new InputError(`Invalid ${what}: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
  return r.data;
}

export function readJsonBody(body: unknown, shape: string): unknown {
  try {
    return JSON.parse(Buffer.isBuffer(body) ? body.toString('utf8') : '');
  } catch {
    throw new InputError(`The request body must be JSON: ${shape}`);
  }
}
