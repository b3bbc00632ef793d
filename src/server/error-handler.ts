// One mapping from coded errors to HTTP (house style 5): a clear JSON error, never a stack.
import type { ErrorRequestHandler } from 'express';
import { LeadRouterError, PayloadError, toLeadRouterError } from '../errors.ts';
import type { Logger } from '../logger.ts';

export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let e: LeadRouterError;
    const status = (err as { status?: number; type?: string }).status;
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large' || status === 413) {
      e = new PayloadError('Request body too large', 'PAYLOAD_TOO_LARGE');
    } else if (type === 'entity.parse.failed' || type === 'encoding.unsupported' || type === 'request.aborted') {
      e = new PayloadError(`Unreadable request body: ${(err as Error).message}`);
    } else {
      e = toLeadRouterError(err);
    }
    if (e.status >= 500) logger.error('request failed', { path: req.path, code: e.code, error: e.message });
    else logger.warn('request rejected', { path: req.path, code: e.code, error: e.message });
    if (res.headersSent) return;
    res.status(e.status).json({ error: e.code, message: e.message });
  };
}
