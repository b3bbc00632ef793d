// Calibration from the store on both stores: the leads and outcomes read back give the same
// report as the pure calibration of the same leads (attributed decision, not the later rescore),
// and --apply-as-draft stores the suggestions as a DRAFT version: valid, not active, the YAML
// as written with only the changed numbers moved. Reps' "bad fit" verdicts are read back too:
// items the bad-fit leads share get lower suggested points.
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { calibrate } from '../../../src/calibration/calibrate.ts';
import { runCalibration } from '../../../src/calibration/run-calibration.ts';
import type { Store } from '../../../src/store/types.ts';
import { loadConfigVersion } from '../../../src/tenants/config-versions.ts';
import { SYNTHETIC_CONFIG, syntheticConfig } from '../../../scripts/calibration-synthetic.ts';
import { POSTGRES, SQLITE, dropSchemas } from '../tenants/both-stores.ts';
import { markBadFit, seedCalibration, TENANT } from './seed.ts';

const NOW = Date.parse('2026-06-01T00:00:00Z');

afterAll(dropSchemas);

describe.each([SQLITE, POSTGRES])('calibration from the $name store', (kind) => {
  let store: Store;
  beforeEach(async () => {
    store = await kind.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it('learns from the attributed decisions and saves the suggestions as an inactive draft', async () => {
    const leads = await seedCalibration(store, { count: 3000, now: NOW });
    const active = (await store.getActiveConfigVersion(TENANT))!;
    const config = loadConfigVersion(active);
    const run = await runCalibration({ store, tenant: TENANT, since: NOW - 1, config, yaml: active.yaml, applyAsDraft: { author: 'calibrate (ada)', now: NOW + 9 } });

    const expected = calibrate(leads, syntheticConfig().compiled, { tenant: TENANT, since: NOW - 1, configLabel: 'v1' }).report;
    expect(run.report).toEqual(expected);
    expect(run.report.leads).toBe(3000);
    expect(run.report.model).not.toBeNull();

    const draft = run.draft!;
    expect(draft.version).toMatchObject({ version: 2, draft: true, valid: true, author: 'calibrate (ada)' });
    expect(draft.version.comment).toMatch(/^calibration since \d{4}-\d\d-\d\d on v1: \d+ point values? changed; holdout AUC 0\.\d{3} vs 0\.\d{3} now$/);
    expect((await store.getActiveConfigVersion(TENANT))?.version).toBe(1);
    expect((await store.listConfigVersions(TENANT)).map((v) => [v.version, v.draft ?? false])).toEqual([[1, false], [2, true]]);

    // Only the numbers move: same lines otherwise, comments kept.
    const stored = (await store.getConfigVersion(TENANT, 2))!;
    const before = SYNTHETIC_CONFIG.split('\n');
    const after = stored.yaml.split('\n');
    expect(after).toHaveLength(before.length);
    const changedLines = after.filter((line, i) => line !== before[i]);
    expect(changedLines.length).toBe(draft.changes.length);
    expect(stored.yaml).toContain('- name: title # points the admin guessed; calibration checks them');

    // The draft loads, and its points are the suggestions.
    const rules = loadConfigVersion(stored).config.scoring.fit.groups.flatMap((g) => g.rules);
    for (const c of draft.changes.filter((x) => !x.key.includes('#') && x.key !== 'page-views')) {
      expect(rules.find((r) => r.id === c.key)).toMatchObject({ points: c.to });
    }
    const row = (key: string) => run.report.items.find((r) => r.key === key)!;
    expect(draft.changes.map((c) => c.key).sort()).toEqual(run.report.items.filter((r) => r.suggested !== r.points).map((r) => r.key).sort());
    expect(row('c-level').suggested).toBeGreaterThan(row('software').suggested!);
  });

  it('weighs "bad fit" verdicts as negatives: the item the bad-fit leads share gets fewer points', async () => {
    const leads = await seedCalibration(store, { count: 3000, now: NOW });
    const active = (await store.getActiveConfigVersion(TENANT))!;
    const config = loadConfigVersion(active);
    const run = () => runCalibration({ store, tenant: TENANT, since: NOW - 1, config, yaml: active.yaml });
    const before = (await run()).report;
    const item = (r: typeof before, key: string) => r.items.find((i) => i.key === key)!;
    expect(before).toMatchObject({ badFit: 0, badFitWeight: 2 });

    const software = (l: (typeof leads)[number]) => l.contributions.some((c) => c.rule === 'software');
    const notWon = await markBadFit(store, leads, (l) => !l.won && software(l));
    // a won lead marked "bad fit": the won deal wins; a verdict taken back ("good lead" later) does not count
    const won = await markBadFit(store, leads, (l) => l.won && !software(l));
    const retracted = leads.find((l) => !l.won && !software(l))!;
    await markBadFit(store, [retracted], () => true);
    await store.appendFeedback({ tenant: TENANT, leadId: retracted.leadId, at: retracted.at + 9000, userId: null, kind: 'good_lead', note: null, source: 'card' });
    expect(won.length).toBeGreaterThan(0);

    const after = (await run()).report;
    expect(after.badFit).toBe(notWon.length);
    expect(item(after, 'software').badFit).toBe(notWon.length);
    expect(item(after, 'c-level').badFit).toBe(notWon.filter((l) => l.contributions.some((c) => c.rule === 'c-level')).length);
    // won rates and lift are about deals: unchanged
    expect(after.won).toBe(before.won);
    expect(item(after, 'software').withItem).toEqual(item(before, 'software').withItem);
    expect(after.deciles).toEqual(before.deciles);
    // the fit: software loses log-odds and suggested points
    expect(item(after, 'software').weight!).toBeLessThan(item(before, 'software').weight! - 0.1);
    expect(item(after, 'software').suggested!).toBeLessThan(item(before, 'software').suggested!);

    // weight 1: the verdicts are counted but fit like any lead not won
    const plain = (await runCalibration({ store, tenant: TENANT, since: NOW - 1, config, yaml: active.yaml, badFitWeight: 1 })).report;
    expect(plain.items.map((i) => [i.key, i.weight, i.suggested])).toEqual(before.items.map((i) => [i.key, i.weight, i.suggested]));
    expect(plain).toMatchObject({ badFit: notWon.length, badFitWeight: 1 });
  });

  it('refuses to save a draft without a model and says why', async () => {
    await seedCalibration(store, { count: 300, now: NOW });
    const active = (await store.getActiveConfigVersion(TENANT))!;
    const config = loadConfigVersion(active);
    await expect(
      runCalibration({ store, tenant: TENANT, since: NOW - 1, config, yaml: active.yaml, minOutcomes: 1000, applyAsDraft: { author: 'x', now: NOW } }),
    ).rejects.toThrow(/^no suggestions to apply: not enough outcomes for suggested points: \d+ leads with a won or lost deal in the window, 1000 needed/);
    expect((await store.listConfigVersions(TENANT)).length).toBe(1);
  });
});
