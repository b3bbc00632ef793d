// A real winston logger whose JSON lines are kept in memory, with a way to wait for one line
// (background jobs: wait for what they log, never for a fixed time).
import { Writable } from 'node:stream';
import winston from 'winston';

export type LogLine = { level: string; message: string } & Record<string, unknown>;

/** A real winston logger whose lines land in `lines`; `next(message)` resolves when one is logged. */
export function captureLogger() {
  const lines: LogLine[] = [];
  const waiters: { message: string; resolve: (l: LogLine) => void }[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      const line = JSON.parse(String(chunk)) as LogLine;
      lines.push(line);
      for (const w of waiters.filter((x) => x.message === line.message)) w.resolve(line);
      cb();
    },
  });
  const logger = winston.createLogger({ format: winston.format.json(), transports: [new winston.transports.Stream({ stream })] });
  const next = (message: string) => new Promise<LogLine>((resolve) => waiters.push({ message, resolve }));
  return { logger, lines, next };
}
