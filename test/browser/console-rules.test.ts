// The console's Rules page in a real browser against a running lead-router and the HubSpot
// sandbox: the admin types a typo and sees the loader's error at its line, fixes it, edits a
// team in the form, previews the draft on the tenant's own history, publishes, and the next
// signed webhook is routed by the new version; then publishes again and rolls back. Screenshots
// of each state go to test/artifacts/ (git-ignored).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/config/load.ts';
import { CONFIG, envFor, startPair, waitUntil } from '../e2e/hubspot-harness.ts';
import { cli } from '../unit/cli/run-cli.ts';
import { launchChromium, screenshotPath } from './chromium.ts';

type Pair = Awaited<ReturnType<typeof startPair>>;
const TENANT = 'hubspot:62515';
const LENA = 'lena.huber@example.com';
const props = loadConfig(CONFIG).config.writeBack.properties;
// The line the typo goes on, as the loader will name it (1-based) in the shipped config.
const CAP_LINE = readFileSync(CONFIG, 'utf8').split('\n').findIndex((l) => l.includes('cap: 70 # fit never exceeds 70 points')) + 1;
let pair: Pair;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let dachLeads: string[];
const pageErrors: string[] = [];

const germanLead = (n: number) => ({ properties: { email: `it${n}@acme.example.com`, firstname: 'Ivan', lastname: `Tech ${n}`, jobtitle: 'IT Manager', country: 'DE' } });

async function routed(ids: string[]): Promise<void> {
  await waitUntil(() => ids.every((id) => pair.sandbox.getContact(id)?.properties[props.score] !== undefined), 20_000, 'write-back');
  await pair.app.worker.drain();
}

async function latest(id: string) {
  const [audit] = await pair.app.store.getAudit(TENANT, id, 1);
  return audit!;
}

beforeAll(async () => {
  pair = await startPair();
  // German leads go to the dach-sales team (Lena and Max, round robin): some of them to Lena.
  dachLeads = pair.sandbox.createContacts([1, 2, 3, 4].map(germanLead)).map((c) => c.id);
  await routed(dachLeads);
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const run = await cli(['admin-link', '--base-url', pair.app.url], { env: envFor(pair.sandboxUrl, pair.sandbox.privateAppToken, pair.dir) });
  expect(run.code).toBe(0);
  await page.goto(run.stdout.trim());
  await page.getByRole('heading', { name: 'Latest decisions' }).waitFor();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await pair?.app.close();
  await pair?.sandbox.close();
});

const issues = () => page.locator('#rules-issues');

describe('console Rules page in Chromium', () => {
  it('opens the tenant’s config (the config file, no version yet) in the editor, checked valid', async () => {
    await page.getByRole('link', { name: 'Rules' }).click();
    await page.getByRole('heading', { name: 'Rules', exact: true }).waitFor();
    await expect(page.locator('.rules .meta').first().textContent()).resolves.toMatch(/Active: the server's config file \(file:[0-9a-f]{12}\)/);
    await issues().getByText('The draft is a valid config.').waitFor();
    await expect(page.getByText(/No version published yet/).count()).resolves.toBe(1);
    await expect(page.getByRole('textbox', { name: 'Config YAML' }).count()).resolves.toBe(1);
    await page.screenshot({ path: screenshotPath('rules-1-editor'), fullPage: true });
  });

  it('shows a typo as the loader’s error at its line, inline and in the list; fixing it clears it', async () => {
    const line = page.locator('.cm-line', { hasText: 'cap: 70 # fit never exceeds 70 points' });
    await line.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Home'); // start of the text after the indentation
    await page.keyboard.type('x');
    await issues().getByText(/1 problem in the draft/).waitFor();
    const text = (await issues().textContent())!;
    expect(text).toContain(`line ${CAP_LINE}: scoring.fit.xcap: unknown key 'xcap' (hint: did you mean 'cap'?`);
    // the diagnostic sits on that line of the editor (underlined range and gutter marker)
    await expect(page.locator('.cm-lintRange-error').count()).resolves.toBe(1);
    await expect(page.locator('.cm-line', { hasText: 'xcap: 70' }).locator('.cm-lintRange-error').textContent()).resolves.toBe('xcap: 70 # fit never exceeds 70 points');
    await expect(page.locator('.cm-lint-marker-error').count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Publish' }).isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Preview' }).isDisabled()).resolves.toBe(true);
    await page.locator('.cm-lintRange-error').hover();
    await page.locator('.cm-tooltip-lint', { hasText: `line ${CAP_LINE}: scoring.fit.xcap: unknown key 'xcap'` }).waitFor();
    await page.screenshot({ path: screenshotPath('rules-2-typo'), fullPage: true });
    await page.getByRole('textbox', { name: 'Config YAML' }).focus();
    await page.keyboard.press('Backspace');
    await issues().getByText('The draft is a valid config.').waitFor();
    await expect(page.locator('.cm-lint-marker-error').count()).resolves.toBe(0);
  });

  it('edits a team in the form view; the editor shows the same draft with its comments', async () => {
    await page.getByRole('button', { name: 'Form' }).click();
    const team = page.getByRole('group', { name: 'Team dach-sales members' });
    await team.getByLabel(LENA).uncheck(); // keyboard-usable checkbox with its label
    await page.getByRole('button', { name: 'YAML editor' }).click();
    // find the edit with the editor's own search (keyboard only); it scrolls the line into view
    await page.getByRole('textbox', { name: 'Config YAML' }).focus();
    await page.keyboard.press('Control+f');
    await page.keyboard.type('name: dach-sales');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    const lines = page.locator('.cm-line');
    await page.locator('.cm-line', { hasText: 'members: [max.schmidt@example.com]' }).waitFor();
    const texts = await lines.allTextContents();
    const at = texts.indexOf('    members: [max.schmidt@example.com]');
    expect(texts.slice(at - 1, at + 2)).toEqual(['  - name: dach-sales', '    members: [max.schmidt@example.com]', '    strategy: round_robin']);
    expect(texts).toContain('#   workingHours: require (only reps on shift), prefer (on-shift first), ignore.'); // comments stay
    await issues().getByText('The draft is a valid config.').waitFor();
    await page.getByRole('button', { name: 'Form' }).click();
    await page.screenshot({ path: screenshotPath('rules-3-form'), fullPage: true });
    // the unpublished draft survives a visit to another page of the console
    await page.getByRole('link', { name: 'Decisions' }).click();
    await page.getByRole('heading', { name: 'Latest decisions' }).waitFor();
    await page.getByRole('link', { name: 'Rules' }).click();
    await page.getByText('draft has unpublished changes').waitFor();
    await page.getByRole('button', { name: 'Form' }).click();
    await expect(page.getByRole('group', { name: 'Team dach-sales members' }).getByLabel(LENA).isChecked()).resolves.toBe(false);
    await page.getByRole('button', { name: 'YAML editor' }).click();
  });

  it('previews the draft on the tenant’s own history: the changed leads, per-rep bars and counts', async () => {
    const toLena = [];
    for (const id of dachLeads) if ((await latest(id)).evaluation.route.owner === LENA) toLena.push(id);
    expect(toLena.length).toBeGreaterThan(0);
    await issues().getByText('The draft is a valid config.').waitFor();
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'Preview on the last 30 days' }).waitFor();
    const rows = page.locator('table.changes tbody tr');
    await expect(rows.count()).resolves.toBe(toLena.length);
    for (const id of toLena) await expect(rows.filter({ hasText: id }).first().textContent()).resolves.toContain(LENA);
    const lenaBar = page.getByRole('region', { name: 'Leads per rep' }).locator('tr', { hasText: LENA });
    await expect(lenaBar.locator('td.n').last().textContent()).resolves.toBe(`-${toLena.length}`);
    await expect(page.getByRole('region', { name: 'Leads per tier' }).locator('tbody tr').count()).resolves.toBe(3);
    await page.screenshot({ path: screenshotPath('rules-4-preview'), fullPage: true });
  });

  it('publishes v1; the next signed webhook is routed by v1', async () => {
    await page.getByLabel('Comment (optional)').fill('dach-sales without Lena');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/Published v1/).waitFor();
    await page.locator('table.versions tr.active', { hasText: 'v1 (active)' }).waitFor();
    await expect(page.locator('table.versions tr.active').textContent()).resolves.toMatch(/dach-sales without Lena.*valid/);
    await page.screenshot({ path: screenshotPath('rules-5-published'), fullPage: true });
    await waitUntil(() => pair.app.config(TENANT).version === 'v1', 5000, 'v1 live');
    const [lead] = pair.sandbox.createContacts([germanLead(5)]);
    await routed([lead!.id]);
    const audit = await latest(lead!.id);
    expect(audit.configVersion).toBe('v1');
    expect(audit.evaluation.route.owner).not.toBe(LENA);
  });

  it('publishes v2, then rolls back to v1 from the history; the next webhook is routed by v1 again', async () => {
    await page.getByRole('button', { name: 'Form' }).click();
    await page.getByRole('group', { name: 'Team dach-sales members' }).getByLabel(LENA).check();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/Published v2/).waitFor();
    await waitUntil(() => pair.app.config(TENANT).version === 'v2', 5000, 'v2 live');
    await page.getByRole('button', { name: 'Roll back to v1' }).click();
    await page.getByText(/Rolled back: v1 is active again/).waitFor();
    await page.locator('table.versions tr.active', { hasText: 'v1 (active)' }).waitFor();
    await expect(page.locator('.rules .meta').first().textContent()).resolves.toMatch(/Active: version v1/);
    await page.screenshot({ path: screenshotPath('rules-6-rolled-back'), fullPage: true });
    await waitUntil(() => pair.app.config(TENANT).version === 'v1', 5000, 'v1 live again');
    const [lead] = pair.sandbox.createContacts([germanLead(6)]);
    await routed([lead!.id]);
    const audit = await latest(lead!.id);
    expect(audit.configVersion).toBe('v1');
    expect(audit.evaluation.route.owner).not.toBe(LENA);
    const versions = await pair.app.store.listConfigVersions(TENANT);
    expect(versions.map((v) => [v.version, v.author.startsWith('console session '), v.valid])).toEqual([
      [1, true, true],
      [2, true, true],
    ]);
    expect(pageErrors).toEqual([]);
  });
});
