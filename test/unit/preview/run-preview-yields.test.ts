// A preview runs in the serving process when the console asks for one: between pages of
// recorded decisions it yields to the event loop, so webhooks (and every other request) are
// still answered while a long preview runs.
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/load.ts';
import { runPreview } from '../../../src/preview/run-preview.ts';
import type { PreviewEntry, Store } from '../../../src/store/types.ts';

const CONFIG = loadConfig(new URL('../../../config/lead-router.yaml', import.meta.url).pathname);
const recorded = { owner: null, tier: 'cold', grade: null, rule: null, target: 'fallback', reasons: '' };

describe('runPreview', () => {
  it('lets the event loop run between pages of decisions', async () => {
    const log: string[] = [];
    const pages = [2000, 2000, 10];
    let id = 0;
    const store = {
      async listPreviewSince(): Promise<PreviewEntry[]> {
        const n = pages.shift() ?? 0;
        log.push(`page ${n}`);
        // decisions recorded without their input: counted, not replayed (keeps the test about paging)
        return Array.from({ length: n }, () => ({ id: ++id, leadId: String(id), at: id, seq: id, recorded, input: null }));
      },
    } as unknown as Store;
    setImmediate(() => log.push('other work'));
    const report = await runPreview({ store, tenant: 'hubspot:1', compiled: CONFIG.compiled, configName: 'test', since: 0 });
    expect(report.withoutInput).toBe(4010);
    expect(log).toEqual(['page 2000', 'other work', 'page 2000', 'page 10']);
  });
});
