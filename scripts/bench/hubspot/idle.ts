// Scenario 3, idle: a quiet system, single contacts created one at a time with pauses, as reps
// do in the HubSpot UI. Figures per contact, from the app's inbox and the sandbox's records:
//   webhook -> write-back: the webhook's arrival in the app's inbox (received_at) to the
//                          contact's update in the sandbox (the batch update's time)
//   create  -> write-back: also counts the sandbox's webhook batching window
import { loadConfig } from '../../../src/config/load.ts';
import { figure, info, percentile } from './report.ts';
import { CONFIG, startBenchPair, waitFor } from './setup.ts';

export const IDLE_TARGET_P50_MS = 1000;
const PAUSE_MS = 500;

export async function benchIdle(opts: { samples: number; webhookBatchMs: number }): Promise<void> {
  const scoreProp = loadConfig(CONFIG).config.writeBack.properties.score;
  let companies: string[] = [];
  const pair = await startBenchPair({ webhookBatchMs: opts.webhookBatchMs, seed: async (s) => void (companies = await s.createCompanies(20)) });
  const { sandbox } = pair;
  try {
    const webhookToWrite: number[] = [];
    const createToWrite: number[] = [];
    const callsBefore = await sandbox.apiCallCount();
    for (let i = 0; i < opts.samples; i++) {
      // One contact with a primary company: creation, property and association events.
      const [id] = await sandbox.createContacts(1, 100_000 + i, [companies[i % companies.length]!]);
      let c = await sandbox.contact(id!, scoreProp);
      await waitFor(async () => (c = await sandbox.contact(id!, scoreProp))?.written === true, 30_000, `contact ${id} written back`, 5);
      const received = Number(pair.query('SELECT min(received_at) AS t FROM inbox WHERE object_id = ?', id!)[0]?.t);
      webhookToWrite.push(c!.updatedAt - received);
      createToWrite.push(c!.updatedAt - c!.createdAt);
      await new Promise((r) => setTimeout(r, PAUSE_MS));
    }
    const calls = (await sandbox.apiCallCount()) - callsBefore;
    info('idle', `${opts.samples} contacts, one at a time, ${PAUSE_MS} ms apart after each write-back; sandbox webhook window ${opts.webhookBatchMs} ms, worker coalescing window 100 ms (default)`);
    figure({ name: 'idle.webhook_to_writeback_p50', value: percentile(webhookToWrite, 50), unit: 'ms', target: { op: '<', value: IDLE_TARGET_P50_MS } });
    figure({ name: 'idle.webhook_to_writeback_p95', value: percentile(webhookToWrite, 95), unit: 'ms' });
    figure({ name: 'idle.create_to_writeback_p50', value: percentile(createToWrite, 50), unit: 'ms', note: `includes the sandbox's ${opts.webhookBatchMs} ms batching window` });
    figure({ name: 'idle.create_to_writeback_p95', value: percentile(createToWrite, 95), unit: 'ms' });
    figure({ name: 'idle.calls_per_lead', value: calls / opts.samples, unit: 'calls/lead', digits: 2, note: 'a batch of one: contacts read, associations, companies, update' });
  } finally {
    await pair.close();
  }
}
