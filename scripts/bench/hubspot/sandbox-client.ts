// The bench's handle on the sandbox thread (sandbox-thread.ts): each method is one message.
import { Worker } from 'node:worker_threads';
import type { HubspotSandboxOptions, SandboxStats } from '../../../connectors/hubspot/sandbox/index.ts';

export interface SandboxClient {
  url: string;
  token: string;
  createCompanies(n: number): Promise<string[]>;
  createContacts(n: number, offset: number, companyIds: string[]): Promise<string[]>;
  setWebhookUrl(url: string): Promise<void>;
  track(ids: string[], property: string): Promise<void>;
  progress(): Promise<{ written: number; total: number }>;
  contact(id: string, property: string): Promise<{ createdAt: number; updatedAt: number; written: boolean } | null>;
  lastUpdate(ids: string[]): Promise<number>;
  stats(): Promise<SandboxStats>;
  apiCallTimes(from: number): Promise<number[]>;
  apiCallCount(): Promise<number>;
  flush(): Promise<void>;
  close(): Promise<void>;
}

export async function startSandboxThread(options: HubspotSandboxOptions): Promise<SandboxClient> {
  const worker = new Worker(new URL('./sandbox-thread.ts', import.meta.url), { workerData: options });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let next = 0;
  worker.on('message', (m: { id: number; ok: boolean; result?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.ok) p?.resolve(m.result);
    else p?.reject(new Error(m.error));
  });
  worker.on('error', (err) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  });
  const call = <T>(op: string, ...args: unknown[]) =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, op, args });
    });
  const { url, token } = await call<{ url: string; token: string }>('listen');
  return {
    url,
    token,
    createCompanies: (n) => call('createCompanies', n),
    createContacts: (n, offset, companyIds) => call('createContacts', n, offset, companyIds),
    setWebhookUrl: (u) => call('setWebhookUrl', u),
    track: (ids, property) => call('track', ids, property),
    progress: () => call('progress'),
    contact: (id, property) => call('contact', id, property),
    lastUpdate: (ids) => call('lastUpdate', ids),
    stats: () => call('stats'),
    apiCallTimes: (from) => call('apiCallTimes', from),
    apiCallCount: () => call('apiCallCount'),
    flush: () => call('flush'),
    async close() {
      await call('close');
      await worker.terminate();
    },
  };
}
