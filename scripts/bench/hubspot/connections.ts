// Scenario 1b, connections: 1,000 signed deliveries at once, each on a new TCP connection,
// against the running app (pipeline worker on). HubSpot gives up on a delivery after 5 s
// (reference hubspot.md §1.4), so the figure that matters is the client-side ack latency,
// connection set-up included: p50 / p99 / max, and the connect time alone (listen backlog).
import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { ConnectionOptions, ConnectionResult } from './connection-client.ts';
import { figure, info, percentile } from './report.ts';
import { APP_ID, PORTAL, SECRET, startBenchPair } from './setup.ts';

export const CONNECTIONS_TARGET_MAX_MS = 5_000;

function runInThread(options: ConnectionOptions): Promise<ConnectionResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./connection-client.ts', import.meta.url), { workerData: { connectionClient: true, options } });
    w.once('message', (m: { ok: boolean; result?: ConnectionResult; error?: string }) => {
      void w.terminate();
      if (m.ok) resolve(m.result!);
      else reject(new Error(m.error));
    });
    w.once('error', reject);
  });
}

export async function benchConnections(opts: { connections: number; rounds: number; batchSize: number; pipeline: boolean }): Promise<void> {
  let contactIds: string[] = [];
  const pair = await startBenchPair({
    seed: async (sandbox) => {
      contactIds = await sandbox.createContacts(500, 0, await sandbox.createCompanies(20));
    },
  });
  try {
    // Baseline: the same bursts with the pipeline stopped (only intake uses the event loop).
    if (!opts.pipeline) await pair.app.worker.stop();
    info('connections', `pipeline ${opts.pipeline ? 'running (draining what arrives against the sandbox)' : 'STOPPED (baseline: intake alone)'}`);
    const ack: number[] = [];
    const connect: number[] = [];
    let errors = 0;
    let firstError: string | undefined;
    // Server side (the app runs on this thread): from accept() to the response, and from the
    // parsed request to the response; with the client's figures this says where time went.
    const acceptedAt = new WeakMap<Socket, number>();
    const requestAt = new WeakMap<object, number>();
    const serverAccept: number[] = [];
    const serverRequest: number[] = [];
    subscribe('net.server.socket', (m) => acceptedAt.set((m as { socket: Socket }).socket, performance.now()));
    subscribe('http.server.request.start', (m) => requestAt.set((m as { response: object }).response, performance.now()));
    subscribe('http.server.response.finish', (m) => {
      const { request, response } = m as { request: { socket: Socket; url?: string }; response: object };
      if (!request.url?.startsWith('/webhooks/')) return;
      const t = performance.now();
      const a = acceptedAt.get(request.socket);
      const r = requestAt.get(response);
      if (a !== undefined) serverAccept.push(t - a);
      if (r !== undefined) serverRequest.push(t - r);
    });
    // Its event-loop delay is what an accepted connection waits behind.
    const loop = monitorEventLoopDelay({ resolution: 10 });
    for (let round = 0; round < opts.rounds; round++) {
      loop.enable();
      const r = await runInThread({
        url: `${pair.app.url}/webhooks/hubspot`, clientSecret: SECRET, portalId: PORTAL, appId: APP_ID, contactIds,
        connections: opts.connections, batchSize: opts.batchSize, seqStart: round * opts.connections * opts.batchSize,
      });
      ack.push(...r.ackMs);
      connect.push(...r.connectMs);
      errors += r.errors;
      firstError ??= r.firstError;
      loop.disable();
      info('connections', `round ${round + 1}: ${opts.connections} connections at once, ${opts.batchSize} events each, all answered in ${(r.wallMs / 1000).toFixed(2)} s, ${r.errors} non-200${r.firstError ? ` (first: ${r.firstError})` : ''}; app event-loop delay max ${(loop.max / 1e6).toFixed(0)} ms, sender's ${r.clientLoopMaxMs.toFixed(0)} ms`);
      await new Promise((res) => setTimeout(res, 1000)); // let TIME_WAIT and the pipeline settle
    }
    figure({ name: 'connections.ack_p50', value: percentile(ack, 50), unit: 'ms', digits: 1 });
    figure({ name: 'connections.ack_p99', value: percentile(ack, 99), unit: 'ms', digits: 1 });
    figure({ name: 'connections.ack_max', value: Math.max(...ack), unit: 'ms', digits: 1, target: { op: '<', value: CONNECTIONS_TARGET_MAX_MS } });
    figure({ name: 'connections.event_loop_delay_p99', value: loop.percentile(99) / 1e6, unit: 'ms', digits: 1 });
    figure({ name: 'connections.event_loop_delay_max', value: loop.max / 1e6, unit: 'ms', digits: 1 });
    figure({ name: 'connections.server_accept_to_ack_p99', value: percentile(serverAccept, 99), unit: 'ms', digits: 1 });
    figure({ name: 'connections.server_accept_to_ack_max', value: Math.max(...serverAccept), unit: 'ms', digits: 1 });
    figure({ name: 'connections.server_request_to_ack_max', value: Math.max(...serverRequest), unit: 'ms', digits: 1 });
    figure({ name: 'connections.connect_p99', value: percentile(connect, 99), unit: 'ms', digits: 1 });
    figure({ name: 'connections.connect_max', value: Math.max(...connect), unit: 'ms', digits: 1 });
    figure({ name: 'connections.errors', value: errors, unit: 'requests', target: { op: '<=', value: 0 }, ...(firstError ? { note: `first: ${firstError}` } : {}) });
  } finally {
    await pair.close();
  }
}
