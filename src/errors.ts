// Coded errors with exactly one mapping to an HTTP status (house style 5). Every message
// should tell the operator the fix: the env var, the config path, the setting.

export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'ENV_INVALID'
  | 'AUTH_FAILED'
  | 'FORBIDDEN'
  | 'PAYLOAD_INVALID'
  | 'PAYLOAD_TOO_LARGE'
  | 'NOT_FOUND'
  | 'INPUT_INVALID'
  | 'CRM_ERROR'
  | 'STORE_ERROR'
  | 'REQUEST_TIMEOUT'
  | 'BUSY'
  | 'NOT_READY'
  | 'INTERNAL';

const STATUS: Record<ErrorCode, number> = {
  CONFIG_INVALID: 500,
  ENV_INVALID: 500,
  AUTH_FAILED: 401,
  FORBIDDEN: 403,
  PAYLOAD_INVALID: 400,
  PAYLOAD_TOO_LARGE: 413,
  NOT_FOUND: 404,
  INPUT_INVALID: 400,
  CRM_ERROR: 502,
  STORE_ERROR: 503,
  REQUEST_TIMEOUT: 408,
  BUSY: 503,
  NOT_READY: 503,
  INTERNAL: 500,
};

export class LeadRouterError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.status = STATUS[code];
  }
}

export interface ConfigIssue {
  path: string; // dotted path in the config, e.g. routing.rules[2].assign.team
  message: string;
  line?: number; // 1-based line in the YAML file, when known
  column?: number;
  hint?: string;
}

export class ConfigError extends LeadRouterError {
  readonly file: string | undefined;
  readonly issues: ConfigIssue[];
  constructor(file: string | undefined, issues: ConfigIssue[]) {
    super('CONFIG_INVALID', formatConfigIssues(file, issues));
    this.file = file;
    this.issues = issues;
  }
}

export function formatConfigIssues(file: string | undefined, issues: ConfigIssue[]): string {
  const head = `Invalid config${file ? ` ${file}` : ''}: ${issues.length} problem${issues.length === 1 ? '' : 's'}`;
  const lines = issues.map((i) => {
    const where = i.line ? `${file ?? ''}:${i.line}${i.column ? `:${i.column}` : ''} ` : '';
    return `  - ${where}${i.path || '(root)'}: ${i.message}${i.hint ? ` (hint: ${i.hint})` : ''}`;
  });
  return [head, ...lines].join('\n');
}

export class EnvError extends LeadRouterError {
  readonly variables: string[];
  constructor(variables: string[], message: string) {
    super('ENV_INVALID', message);
    this.variables = variables;
  }
}

export class AuthError extends LeadRouterError {
  constructor(message: string) {
    super('AUTH_FAILED', message);
  }
}

/** Authenticated, but not allowed: another tenant's data, a write without its CSRF token, a CRM
 *  user who is not one of the reps. */
export class ForbiddenError extends LeadRouterError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

export class PayloadError extends LeadRouterError {
  constructor(message: string, code: 'PAYLOAD_INVALID' | 'PAYLOAD_TOO_LARGE' = 'PAYLOAD_INVALID') {
    super(code, message);
  }
}

/** The thing asked for does not exist (yet): an unknown lead, tenant or version. */
export class NotFoundError extends LeadRouterError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

/** Bad user input to a CLI command or an admin endpoint (file missing, CSV column unknown, ...). */
export class InputError extends LeadRouterError {
  constructor(message: string) {
    super('INPUT_INVALID', message);
  }
}

/** Not able to decide yet (e.g. the token's portal is not learned): 503, the sender retries later. */
export class NotReadyError extends LeadRouterError {
  constructor(message: string) {
    super('NOT_READY', message);
  }
}

/** A CRM API call failed. `retryable` and `retryAfterMs` drive the queue's retry policy. */
export class CrmError extends LeadRouterError {
  readonly crmStatus: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  /** 'burst' pauses the tenant for the window, 'daily' until the daily reset. */
  readonly rateLimit: 'burst' | 'daily' | undefined;
  constructor(
    message: string,
    opts: { status?: number; retryable: boolean; retryAfterMs?: number; rateLimit?: 'burst' | 'daily'; cause?: unknown },
  ) {
    super('CRM_ERROR', message, { cause: opts.cause });
    this.crmStatus = opts.status;
    this.retryable = opts.retryable;
    this.retryAfterMs = opts.retryAfterMs;
    this.rateLimit = opts.rateLimit;
  }
}

export function toLeadRouterError(err: unknown): LeadRouterError {
  if (err instanceof LeadRouterError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new LeadRouterError('INTERNAL', `Unexpected error: ${message}`, { cause: err });
}
