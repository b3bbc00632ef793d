// One mapping from coded errors to HTTP (house style 5): a clear JSON error, never a stack.
import type { ErrorRequestHandler } from 'express';
import { LeadRouterError, PayloadError, toLeadRouterError } from '../errors.ts';
import type { Logger } from '../logger.ts';

/** The coded error a thrown value means for HTTP (body-parser errors included). */
export function toHttpError(err: unknown): LeadRouterError {
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
  return e;
}

/**
 * The error handler of every route: logs, then answers with the error's status and a JSON body,
 * `{ error, message }` unless the route draws errors its own way (a CRM panel's format).
 */
export function createErrorHandler(logger: Logger, render: (e: LeadRouterError) => unknown = (e) => ({ error: e.code, message: e.message })): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const e = toHttpError(err);
    if (e.status >= 500) logger.error('request failed', { path: req.path, code: e.code, error: e.message });
    else logger.warn('request rejected', { path: req.path, code: e.code, error: e.message });
    if (res.headersSent) return;
    res.status(e.status).json(render(e));
  };
}
