// winston JSON logs. No emails or names in logs: PII-looking keys are redacted and email
// addresses inside messages are masked. Child loggers carry tenant / delivery ids.
import winston from 'winston';

const PII_KEYS = /^(email|emails|firstname|lastname|first_name|last_name|name|phone|phones)$/i;
const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(EMAIL_RE, '[email]');
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = PII_KEYS.test(k) ? '[redacted]' : redactValue(v, depth + 1);
  }
  return out;
}

const redact = winston.format((info) => {
  for (const key of Object.keys(info)) {
    if (key === 'level' || key === 'timestamp') continue;
    (info as Record<string, unknown>)[key] = PII_KEYS.test(key) ? '[redacted]' : redactValue(info[key]);
  }
  return info;
});

export type Logger = winston.Logger;

export interface LoggerOptions {
  level?: string;
  /** Silence all output (tests, CLI commands that print their own results). */
  silent?: boolean;
  /** Write to stderr instead of stdout (CLI commands whose stdout is data). */
  stderr?: boolean;
  /** Write to this file instead of the console (the demo keeps its terminal output readable). */
  file?: string;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  return winston.createLogger({
    level: opts.level ?? 'info',
    silent: opts.silent ?? false,
    format: winston.format.combine(redact(), winston.format.timestamp(), winston.format.json()),
    transports: [
      opts.file
        ? new winston.transports.File({ filename: opts.file })
        : new winston.transports.Console(
            opts.stderr ? { stderrLevels: ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] } : {},
          ),
    ],
  });
}

/** A logger that drops everything: the default for library code and tests. */
export function createSilentLogger(): Logger {
  return createLogger({ silent: true });
}
