// `lead-router backfill --outcomes` against the HubSpot sandbox: deals that existed before
// lead-router listened (no webhook ever arrived) are listed page by page through the tenant's
// scheduler and stored as outcomes of their contacts, attributed to the recorded decisions.
// Resumable and idempotent: a finished run reads nothing, --restart reads every deal again.
import { afterEach, describe, expect, it } from '@jest/globals';
import { memoryIo } from '../../src/cli/io.ts';
import { run } from '../../src/cli/program.ts';
import { createStore } from '../../src/store/create-store.ts';
import { loadConfig } from '../../src/config/load.ts';
import { join } from 'node:path';
import { CONFIG, PORTAL, envFor, sampleContacts, startPair, waitUntil } from './hubspot-harness.ts';

const ROOT = join(import.meta.dirname, '../..');
const TENANT = `hubspot:${PORTAL}`;
const props = loadConfig(CONFIG).config.writeBack.properties;
let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

async function cli(args: string[], env: Record<string, string>) {
  const io = memoryIo({ env, cwd: ROOT });
  const code = await run(['node', 'lead-router', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('backfill --outcomes (HubSpot)', () => {
  it('reads existing deals into outcomes with the decisions that routed their contacts', async () => {
    const { sandbox, app, dir, sandboxUrl } = await startPair();
    let appOpen = true;
    cleanup = async () => {
      if (appOpen) await app.close();
      await sandbox.close();
    };
    const contacts = sandbox.createContacts(sampleContacts(4));
    await waitUntil(() => contacts.every((c) => sandbox.getContact(c.id)?.properties[props.score] !== undefined), 20_000, 'write-back');
    await sandbox.flushWebhooks();
    await app.worker.drain();
    await app.close();
    appOpen = false;
    sandbox.setWebhookUrl('http://127.0.0.1:9/nobody-listens'); // deals below never reach lead-router by webhook

    // 150 deals: two list pages of 100; 1 in 3 won, 1 in 3 lost, the rest open.
    const deals = sandbox.createDeals(Array.from({ length: 150 }, (_, i) => ({ properties: { dealname: `D${i}`, amount: String(100 + i) }, contactIds: [contacts[i % 4]!.id] })));
    deals.forEach((d, i) => { if (i % 3 === 1) sandbox.moveDealStage(d.id, 'closedwon'); else if (i % 3 === 2) sandbox.moveDealStage(d.id, 'closedlost'); });

    const env = envFor(sandboxUrl, sandbox.privateAppToken, dir);
    const dry = await cli(['backfill', '--crm', 'hubspot', '--outcomes', '--dry-run'], env);
    expect(dry.out).toContain('150 deals would be read into outcomes');
    const real = await cli(['backfill', '--crm', 'hubspot', '--outcomes'], env);
    expect(real.code).toBe(0);
    expect(real.out).toContain(`backfill outcomes ${TENANT}: 150 deals read, 150 outcomes stored`);
    expect(real.err).toMatch(/^deals {2}150\b/m);

    const store = createStore(env.DATABASE_URL!);
    try {
      const outcomes = await store.listOutcomes(TENANT);
      expect(outcomes).toHaveLength(150);
      expect(outcomes.filter((o) => o.status === 'won')).toHaveLength(50);
      expect(outcomes.filter((o) => o.status === 'lost')).toHaveLength(50);
      for (const o of outcomes) {
        const [audit] = await store.getAudit(TENANT, o.leadId, 1);
        expect(o.decision).toMatchObject({ owner: audit!.evaluation.route.owner, tier: audit!.evaluation.tier, decidedAt: audit!.at });
      }
    } finally {
      await store.close();
    }
    const calls = sandbox.stats().calls;
    expect(calls['GET /crm/v3/objects/deals']).toBe(2 + 2); // dry run + real run, 100 per page
    expect(calls['GET /crm/v3/pipelines/deals']).toBe(2); // once per process (cached)

    expect((await cli(['backfill', '--crm', 'hubspot', '--outcomes'], env)).out).toContain('nothing to read');
    const again = await cli(['backfill', '--crm', 'hubspot', '--outcomes', '--restart'], env);
    expect(again.out).toContain('150 deals read, 150 outcomes stored');
    const check = createStore(env.DATABASE_URL!);
    expect(await check.listOutcomes(TENANT)).toHaveLength(150);
    await check.close();
    expect((await cli(['backfill', '--crm', 'hubspot', '--outcomes', '--since', '2026-01-01'], env)).err).toContain('--since is not supported with --outcomes');
  }, 90_000);
});
