// `lead-router backfill --outcomes` against the Pipedrive sandbox: deals that existed before
// lead-router was installed are paged from GET /api/v2/deals (cursor, id order) and stored as
// outcomes of their persons; deals without a person are skipped; a finished run reads nothing.
// (Resuming an interrupted run: test/unit/pipeline/backfill-outcomes.test.ts.)
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PipedriveSandbox } from '../../connectors/pipedrive/sandbox/index.ts';
import { memoryIo } from '../../src/cli/io.ts';
import { run } from '../../src/cli/program.ts';
import { createStore } from '../../src/store/create-store.ts';
import { envFor, freePort, sandboxFor, TENANT } from './pipedrive-harness.ts';

const ROOT = join(import.meta.dirname, '../..');
let sandbox: PipedriveSandbox | null = null;
afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
});

async function cli(args: string[], env: Record<string, string>) {
  const io = memoryIo({ env, cwd: ROOT });
  const code = await run(['node', 'lead-router', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('backfill --outcomes (Pipedrive)', () => {
  it('reads every existing deal that has a person, page by page', async () => {
    sandbox = sandboxFor();
    const { url } = await sandbox.listen(0);
    const persons = sandbox.createPersons(Array.from({ length: 5 }, (_, i) => ({ name: `P${i}`, email: `p${i}@acme.example.com` }))).map((p) => p['id'] as number);
    const [org] = sandbox.createOrganizations([{ name: 'Org only' }]);
    const deals = sandbox.createDeals(Array.from({ length: 230 }, (_, i) => ({ title: `D${i}`, value: i, currency: 'EUR', person_id: persons[i % 5] })));
    sandbox.createDeals([{ title: 'No person', org_id: org!['id'] as number }]);
    deals.forEach((d, i) => { if (i % 2) sandbox!.winDeal(d['id'] as number); });
    sandbox.loseDeal(deals[0]!['id'] as number, 'Timing');

    const env = envFor(url, await freePort(), mkdtempSync(join(tmpdir(), 'lr-pd-outcomes-')));
    const real = await cli(['backfill', '--crm', 'pipedrive', '--outcomes'], env);
    expect(real.code).toBe(0);
    expect(real.out).toContain(`backfill outcomes ${TENANT}: 230 deals read, 230 outcomes stored`);
    expect(sandbox.stats().calls['GET /api/v2/deals']).toBe(3); // 100 per page

    const check = createStore(env.DATABASE_URL!);
    try {
      const outcomes = await check.listOutcomes(TENANT);
      expect(outcomes).toHaveLength(230);
      expect(outcomes.filter((o) => o.status === 'won')).toHaveLength(115);
      expect(outcomes.find((o) => o.dealId === String(deals[0]!['id']))).toMatchObject({ status: 'lost', lostReason: 'Timing', leadId: String(persons[0]), decision: null });
      expect(new Set(outcomes.map((o) => o.leadId))).toEqual(new Set(persons.map(String)));
    } finally {
      await check.close();
    }
    expect((await cli(['backfill', '--crm', 'pipedrive', '--outcomes'], env)).out).toContain('nothing to read');
  }, 60_000);
});
