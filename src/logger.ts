// winston JSON logs. No emails or names in logs: PII-looking keys are redacted and email
// addresses inside messages are masked. Child loggers carry tenant / delivery ids.
import { Writable } from 'node:stream';
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

/** A plain log record (level, message, fields) as it crosses threads. */
export type LogRecord = { level: string; message: string } & Record<string, unknown>;

/**
 * A logger that hands every record to `send` unformatted (the pipeline thread: the server's
 * logger writes it, with its own format, redaction, destination and silence).
 */
export function createForwardingLogger(level: string, send: (record: LogRecord) => void): Logger {
  const stream = new Writable({
    objectMode: true,
    write(info: LogRecord, _enc, done) {
      const { level: l, message, ...fields } = info;
      try {
        send({ level: l, message, ...fields });
      } catch {
        send({ level: l, message: String(message) }); // fields that cannot cross threads
      }
      done();
    },
  });
  return winston.createLogger({ level, transports: [new winston.transports.Stream({ stream })] });
}

/** Write a record forwarded from another thread with this logger. */
export function writeForwarded(logger: Logger, record: LogRecord): void {
  const { level, message, ...fields } = record;
  logger.log(level, message, fields);
}
