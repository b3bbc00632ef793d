// `lead-router calibrate` on a real SQLite file: table and json output, the message below the
// minimum of outcomes, --apply-as-draft -> a draft that `config list` shows, `preview --draft`
// previews, and `config publish vN` / `config discard vN` settle.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../../../src/store/sqlite/create-sqlite-store.ts';
import { markBadFit, seedCalibration, TENANT } from '../../integration/calibration/seed.ts';
import { cli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'lr-calibrate-cli-'));
const db = join(dir, 'x.db');
const env = { DATABASE_URL: db, HUBSPOT_PORTAL_ID: '62515', HUBSPOT_ACCESS_TOKEN: 'pat-x', HUBSPOT_CLIENT_SECRET: 'secret-0123456789abcdef' };

beforeAll(async () => {
  const store = createSqliteStore(db);
  await store.migrate();
  const leads = await seedCalibration(store, { count: 1500, now: Date.now() - 86_400_000 });
  // 12 reps' "bad fit" verdicts on software leads not won
  let n = 0;
  await markBadFit(store, leads, (l) => !l.won && !l.contributions.some((c) => c.rule === 'c-level') && l.contributions.some((c) => c.rule === 'software') && n++ < 12);
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lead-router calibrate', () => {
  it('prints lift, items and the holdout AUCs as a table', async () => {
    const r = await cli(['calibrate'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/^Calibration of hubspot:62515 \(config v1\), leads decided since \d{4}-\d\d-\d\dT/);
    expect(out).toMatch(/\n1500 leads, \d+ won, \d+ with a won or lost deal \(minimum for suggestions: 200\)\n12 not won and marked "bad fit" by reps \(each weighs 2 leads in the fit\)\n/);
    expect(out).toMatch(/\nD10 +\d+\.\.\d+ +\d+ +\d+ [\d.]+% \([\d.]+-[\d.]+\)\n/);
    expect(out).toMatch(/\nhot +\d+\.\.\d+ +\d+ +\d+ [\d.]+% \(/);
    expect(out).toMatch(/\nc-level \(job_title ~ .*\) +\d+ [\d.]+% \(.*\) +\d+ [\d.]+% \(.*\) +0 +\+20 +\+\d+ +[\d.]+\n/);
    expect(out).toMatch(/\nsoftware \(industry .*\) +\d+ [\d.]+% \(.*\) +\d+ [\d.]+% \(.*\) +12 +\+10 +[+-]\d+ +-?[\d.]+\n/);
    expect(out).toMatch(/\npage-views \(page_views\) .* \+1\/unit +\+[\d.]+ /);
    expect(out).toMatch(/\nHoldout AUC \(\d+ leads, \d+ won\): current rules 0\.\d{3}, suggested points 0\.\d{3}\n/);
    expect(out).toContain('No inversions');
  });

  it('prints json, and below the minimum says how many outcomes exist and are needed', async () => {
    const json = JSON.parse((await cli(['calibrate', '--format', 'json', '--tenant', TENANT, '--since', '30d'], { env })).stdout) as { leads: number; model: { aucSuggested: number }; items: { key: string }[] };
    expect(json.leads).toBe(1500);
    expect(json.model.aucSuggested).toBeGreaterThan(0.6);
    expect(json.items.map((i) => i.key)).toContain('size#1');

    const few = await cli(['calibrate', '--min-outcomes', '5000'], { env });
    expect(few.code).toBe(0);
    expect(few.stdout).toMatch(/\nnot enough outcomes for suggested points: \d+ leads with a won or lost deal in the window, 5000 needed \(--min-outcomes\); lift and won rates are shown, no model\n/);
    expect(few.stdout).not.toContain('Holdout AUC');

    const bad = await cli(['calibrate', '--min-outcomes', 'many'], { env });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--min-outcomes "many": expected a positive whole number');
    const badWeight = await cli(['calibrate', '--bad-fit-weight', '0'], { env });
    expect(badWeight.code).not.toBe(0);
    expect(badWeight.stderr).toContain('--bad-fit-weight "0": expected a positive number');
    const badDraft = await cli(['calibrate', '--min-outcomes', '5000', '--apply-as-draft'], { env });
    expect(badDraft.code).not.toBe(0);
    expect(badDraft.stderr).toMatch(/no suggestions to apply: not enough outcomes/);
  });

  it('saves the suggestions as a draft to preview, then publish (or discard)', async () => {
    const applied = await cli(['calibrate', '--apply-as-draft'], { env: { ...env, USER: 'ada' } });
    expect(applied.code).toBe(0);
    expect(applied.stderr).toMatch(/^hubspot:62515: saved the suggestions as draft v2 \(NOT active; \d+ point values? changed\):\n/);
    expect(applied.stderr).toMatch(/\n {2}size#1 \(employees 1000\+\): 10 -> \d+\n/);
    expect(applied.stderr).toContain('Preview it: lead-router preview --tenant hubspot:62515 --draft v2\n');

    const list = await cli(['config', 'list'], { env });
    expect(list.stdout).toMatch(/^hubspot:62515: v1 active since /);
    expect(list.stdout).toMatch(/\n v2 +draft +\S+ +calibrate \(ada\) +calibration since /);
    expect(list.stdout).toContain('draft v2: not active; preview with "lead-router preview --draft v2", then "config publish v2" or "config discard v2"');

    const preview = await cli(['preview', '--draft', 'v2', '--since', '30d'], { env });
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('hubspot:62515 v2 (draft)');

    const published = await cli(['config', 'publish', 'v2'], { env: { ...env, USER: 'ada' } });
    expect(published.stdout).toBe('hubspot:62515: published draft v2 (active, was v1; running servers switch within 2 s)\n');
    const again = await cli(['config', 'discard', 'v2'], { env });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('hubspot:62515 v2 is not a draft (it was published)');

    const second = await cli(['calibrate', '--apply-as-draft', '--format', 'json'], { env });
    const answer = JSON.parse(second.stdout) as { draft: { version: number; changes: { key: string; from: number; to: number }[] } };
    expect(answer.draft.version).toBe(3);
    expect(answer.draft.changes.length).toBeGreaterThan(0);
    expect(second.stderr).toMatch(/saved the suggestions as draft v3 \(NOT active/);
    expect((await cli(['config', 'discard', 'v3'], { env })).stdout).toBe('hubspot:62515: draft v3 discarded\n');
    expect((await cli(['config', 'list'], { env })).stdout).toMatch(/\n v3 +draft, discarded /);
    const refused = await cli(['config', 'publish', 'v3'], { env });
    expect(refused.stderr).toContain('v3 is a discarded draft and cannot be activated');
  });
});
