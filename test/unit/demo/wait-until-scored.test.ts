// The demo's long wait (every lead written back) reports its progress all the way (n/total and
// the inbox) and ends with a final state; a timeout ends it with the reason, not a crash.
import { describe, expect, it } from '@jest/globals';
import { memoryIo } from '../../../src/cli/io.ts';
import { createProgress } from '../../../src/cli/progress.ts';
import { waitUntilScored } from '../../../src/demo/wait-until-scored.ts';
import { createSqliteStore } from '../../../src/store/sqlite/create-sqlite-store.ts';

/** A CRM whose webhooks are all delivered and that gains one written lead per check. */
function crm(total: number) {
  let written = 0;
  return {
    scored: () => written,
    sandbox: {
      flushWebhooks: async () => void (written = Math.min(total, written + 1)),
      stats: () => ({ webhooks: { pendingEvents: 0 } }),
    },
  };
}

async function store() {
  const s = createSqliteStore(':memory:');
  await s.migrate();
  return s;
}

describe('waitUntilScored', () => {
  it('shows leads written / total on the way and the final state, on a terminal and in plain output', async () => {
    for (const isTTY of [true, false]) {
      const io = memoryIo({ isTTY });
      const notes: string[] = [];
      const c = crm(3);
      await waitUntilScored({
        total: 3,
        scored: c.scored,
        sandbox: c.sandbox,
        store: await store(),
        timeoutMs: 60_000,
        what: 'every lead to be scored',
        step: createProgress(io, 'demo: leads written', { total: 3 }),
        note: (s) => notes.push(s),
      });
      expect(notes).toEqual([]);
      const shown = io.err().split(/[\r\n]/).filter(Boolean).map((l) => l.replace('\x1b[2K', ''));
      expect(shown[0]).toMatch(/^demo: leads written {2}(\[#*-*\] {2})?1\/3 {2}33%/);
      expect(shown.at(-1)).toMatch(/^demo: leads written {2}(\[#+\] {2})?3\/3 {2}100%.* {2}inbox 0$/);
      expect(io.err().endsWith('\n')).toBe(true);
    }
  });

  it('a timeout ends the wait with the reason as a note (the caller counts the rest as lost)', async () => {
    const io = memoryIo({ isTTY: false });
    const notes: string[] = [];
    await waitUntilScored({
      total: 5,
      scored: () => 0,
      sandbox: { flushWebhooks: async () => undefined, stats: () => ({ webhooks: { pendingEvents: 0 } }) },
      store: await store(),
      timeoutMs: 0,
      what: 'every lead to be scored',
      step: createProgress(io, 'demo: leads written', { total: 5 }),
      note: (s) => notes.push(s),
    });
    expect(notes).toEqual(['timed out after 0 s waiting for every lead to be scored']);
    expect(io.err()).toMatch(/demo: leads written {2}0\/5 {2}0%.*\n$/);
  });
});
