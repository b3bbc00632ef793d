// One port in front of several lead-router processes, as a load balancer would put it (scale
// bench, failover e2e): each request goes to the next target; a target that refuses the connection
// (killed) is skipped, so the sender sees an error only when every target is down.
import { createServer, type Server } from 'node:http';

export async function startRoundRobinProxy(targets: () => string[]): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
      const list = targets();
      for (let i = 0; i < list.length; i++) {
        const target = list[next++ % list.length]!;
        try {
          const r = await fetch(`${target}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(body.length ? { body } : {}) });
          const text = Buffer.from(await r.arrayBuffer());
          res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'text/plain' }).end(text);
          return;
        } catch {
          // refused or reset: try the next process
        }
      }
      res.writeHead(502).end('no live target');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
