import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import winston from 'winston';
import { createLogger } from '../../../src/logger.ts';

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug' });
  logger.clear();
  logger.add(new winston.transports.Stream({ stream: new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) }) }));
  return { logger, lines };
}

describe('logger', () => {
  it('writes JSON with tenant and event ids but no emails or names', () => {
    const { logger, lines } = capture();
    logger.info('assigned lead to anna.berg@example.com', {
      tenant: 'hubspot:62515',
      eventId: 'e-1',
      email: 'lead@acme.example',
      firstname: 'Jana',
      detail: { owner: 'petra@example.com', name: 'Petra', count: 3 },
    });
    const entry = JSON.parse(lines[0]!);
    expect(entry.tenant).toBe('hubspot:62515');
    expect(entry.eventId).toBe('e-1');
    expect(entry.message).toBe('assigned lead to [email]');
    expect(entry.email).toBe('[redacted]');
    expect(entry.firstname).toBe('[redacted]');
    expect(entry.detail).toEqual({ owner: '[email]', name: '[redacted]', count: 3 });
    expect(lines[0]).not.toMatch(/@/);
    expect(lines[0]).not.toContain('Jana');
  });
});
