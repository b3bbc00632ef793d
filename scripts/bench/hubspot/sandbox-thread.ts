// The HubSpot sandbox on its own thread: HubSpot is a remote service, so its work (webhook
// signing and sending, API handling, 10,000-contact creation) must not run on the app's event
// loop. The bench drives it with messages (sandbox-client.ts). API calls are time-stamped on
// arrival, to check the rolling window from the CRM's side.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { createHubspotSandbox } from '../../../connectors/hubspot/sandbox/index.ts';
import type { HubspotSandboxOptions } from '../../../connectors/hubspot/sandbox/index.ts';
import { contactInputs, companyInputs } from './sample-records.ts';

const sandbox = createHubspotSandbox(workerData as HubspotSandboxOptions);
const apiCallTimes: number[] = [];
const server = createServer((req, res) => {
  if (!req.url?.startsWith('/_sandbox')) apiCallTimes.push(Date.now());
  sandbox.app(req, res);
});
let tracked: { ids: Set<string>; property: string; total: number } | null = null;

const ops: Record<string, (...args: never[]) => unknown> = {
  async listen() {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: sandbox.privateAppToken };
  },
  createCompanies: (n: number) => sandbox.createCompanies(companyInputs(n)).map((c) => c.id),
  createContacts: (n: number, offset: number, companyIds: string[]) => sandbox.createContacts(contactInputs(n, offset, companyIds)).map((c) => c.id),
  setWebhookUrl: (url: string) => sandbox.setWebhookUrl(url),
  /** Follow these contacts until `property` is written on all of them. */
  track(ids: string[], property: string) {
    tracked = { ids: new Set(ids), property, total: ids.length };
  },
  progress() {
    if (!tracked) return { written: 0, total: 0 };
    for (const id of tracked.ids) if (sandbox.getContact(id)?.properties[tracked.property] !== undefined) tracked.ids.delete(id);
    return { written: tracked.total - tracked.ids.size, total: tracked.total };
  },
  /** createdAt / updatedAt (epoch ms) and whether `property` is set. */
  contact(id: string, property: string) {
    const c = sandbox.getContact(id);
    if (!c) return null;
    return { createdAt: Date.parse(c.createdAt), updatedAt: Date.parse(c.updatedAt), written: c.properties[property] !== undefined };
  },
  lastUpdate: (ids: string[]) => Math.max(...ids.map((id) => Date.parse(sandbox.getContact(id)?.updatedAt ?? '0'))),
  stats: () => sandbox.stats(),
  apiCallTimes: (from: number) => apiCallTimes.slice(from),
  apiCallCount: () => apiCallTimes.length,
  flush: () => sandbox.flushWebhooks(),
  async close() {
    await sandbox.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  },
};

parentPort!.on('message', async (m: { id: number; op: string; args: never[] }) => {
  try {
    const result = await ops[m.op]!(...m.args);
    parentPort!.postMessage({ id: m.id, ok: true, result });
  } catch (err) {
    parentPort!.postMessage({ id: m.id, ok: false, error: (err as Error).stack ?? String(err) });
  }
});
