// The HTTP lifecycle every CRM sandbox shares: listen on a port (0 = any free one) and report
// the base URL; close the server and its keep-alive connections, after the sandbox's own
// cleanup (pending webhook deliveries).
import type { Express } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export function createSandboxServer(app: Express, beforeClose: () => void) {
  let server: Server | undefined;
  return {
    async listen(port = 0, host = '127.0.0.1'): Promise<{ url: string }> {
      const s = app.listen(port, host);
      server = s;
      await new Promise<void>((resolve, reject) => {
        s.once('listening', resolve);
        s.once('error', reject);
      });
      const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
      return { url: `http://${shown}:${(s.address() as AddressInfo).port}` };
    },
    async close(): Promise<void> {
      beforeClose();
      const s = server;
      server = undefined;
      if (!s) return;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
    },
  };
}
