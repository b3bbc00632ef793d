// The JSON body of a hubspot.fetch call, read raw (the signature covers the raw bytes).
import { PayloadError } from '../../errors.ts';

export function parseJson(body: unknown): unknown {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : '';
  try {
    return JSON.parse(text || '{}');
  } catch (err) {
    throw new PayloadError(`Request body is not JSON: ${(err as Error).message}`);
  }
}
