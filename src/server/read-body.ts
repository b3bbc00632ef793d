// Read a request body with a hard cap, without express.raw's 10 MB default: a declared
// Content-Length over the cap is refused before a byte is read, a streamed body is cut off at
// the cap, and a body that trickles in slower than `timeoutMs` is abandoned (a slow-loris
// sender must not hold a read slot). Each failure is a coded error with its own status.
import type { IncomingMessage } from 'node:http';
import { LeadRouterError, PayloadError } from '../errors.ts';

export function tooLarge(maxBytes: number): PayloadError {
  return new PayloadError(`Request body too large (limit ${maxBytes} bytes): no real webhook delivery is this big`, 'PAYLOAD_TOO_LARGE');
}

/** The declared length, or null when absent (chunked); NaN-safe. */
export function declaredLength(req: IncomingMessage): number | null {
  const raw = req.headers['content-length'];
  if (raw === undefined) return null;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

export function readBody(req: IncomingMessage, maxBytes: number, timeoutMs: number): Promise<Buffer> {
  const declared = declaredLength(req);
  if (declared !== null && declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (err: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted);
      if (err) {
        chunks.length = 0;
        req.pause(); // stop pulling bytes; the caller answers with Connection: close
        reject(err);
      } else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) finish(tooLarge(maxBytes));
      else chunks.push(chunk);
    };
    const onEnd = () => finish(null);
    const onError = (err: Error) => finish(new PayloadError(`Unreadable request body: ${err.message}`));
    const onAborted = () => finish(new PayloadError('The client aborted the request body'));
    const timer = setTimeout(
      () => finish(new LeadRouterError('REQUEST_TIMEOUT', `Request body not received within ${timeoutMs} ms`)),
      timeoutMs,
    );
    timer.unref();
    req.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onAborted);
  });
}
