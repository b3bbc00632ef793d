// A port that is already taken must end the command with the port and the fix, not
// "Unexpected error: listen EADDRINUSE" (sandbox) or a TypeError (serve: Express 5 hands the
// listen error to the callback).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listenErrorMessage } from '../../../src/cli/port-in-use.ts';
import { cli } from './run-cli.ts';

let blocker: Server;
let port: number;

beforeAll(async () => {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
  port = (blocker.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

describe('a port in use', () => {
  it.each(['hubspot', 'pipedrive'])('sandbox %s names the port and --port', async (crm) => {
    const { code, stderr } = await cli(['sandbox', crm, '--port', String(port), '--client-secret', 's3cret']);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `port ${port} on 127.0.0.1 is already in use (another program, or another lead-router, listens there): ` +
        'pass --port with a free port (--port 0 picks any free one and prints it)\n',
    );
  });

  it('serve names the port and PORT / --port, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-port-'));
    const env = {
      HUBSPOT_ACCESS_TOKEN: 'pat-test',
      HUBSPOT_CLIENT_SECRET: 'secret-secret-secret-secret',
      HUBSPOT_API_BASE_URL: 'http://127.0.0.1:9',
      DATABASE_URL: join(dir, 'lr.db'),
      LOG_LEVEL: 'error',
    };
    const { code, stderr } = await cli(['serve', '--port', String(port)], { env });
    expect(code).toBe(1);
    expect(stderr).toContain(`Port ${port} is already in use`);
    expect(stderr).toContain('set PORT (or serve --port) to a free port');
    expect(stderr).not.toContain('Unexpected error');
  });

  it('other errors are not mistaken for a listen error', () => {
    expect(listenErrorMessage(new Error('boom'), 'x')).toBeUndefined();
    expect(listenErrorMessage(Object.assign(new Error('listen EACCES'), { code: 'EACCES', port: 80, address: '0.0.0.0' }), 'use --port 8080')).toBe(
      'port 80 on 0.0.0.0 needs root privileges (ports below 1024): use --port 8080',
    );
  });
});
