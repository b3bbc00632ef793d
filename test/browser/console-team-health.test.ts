// The Team and Health pages in a real browser against a running lead-router and the HubSpot
// sandbox: the Team page shows reps, their load and a rep's own absence (who set it); the admin
// sets an out-of-office period, previews which leads would move, publishes it as a new config
// version, sees the rep unavailable, and the next webhook's lead skips them. The Health page
// shows a failed inbox row with its reason; Retry re-queues it and the worker completes it.
// Screenshots go to test/artifacts/ (git-ignored).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/config/load.ts';
import { localDay } from '../../src/tenants/out-of-office.ts';
import { CONFIG, envFor, startPair, waitUntil } from '../e2e/hubspot-harness.ts';
import { cli } from '../unit/cli/run-cli.ts';
import { launchChromium, screenshotPath } from './chromium.ts';

type Pair = Awaited<ReturnType<typeof startPair>>;
const TENANT = 'hubspot:62515';
const EVA = 'eva.svobodova@example.com';
const props = loadConfig(CONFIG).config.writeBack.properties;
let pair: Pair;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let firstCfo: string;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function createCfo(n: number): string {
  const { sandbox } = pair;
  const [company] = sandbox.createCompanies([{ name: `Big Pharma ${n}`, domain: `bigpharma${n}.example.com`, industry: 'pharmaceuticals', numberofemployees: '5000', country: 'CZ' }]);
  const [contact] = sandbox.createContacts([{ properties: { email: `cfo${n}@bigpharma${n}.example.com`, firstname: 'Petra', lastname: `Novak ${n}`, jobtitle: 'CFO', country: 'CZ' }, companyId: company!.id }]);
  return contact!.id;
}

async function scored(id: string): Promise<void> {
  await waitUntil(() => pair.sandbox.getContact(id)?.properties[props.score] !== undefined, 20_000, `contact ${id} scored`);
  await pair.app.worker.drain();
}

beforeAll(async () => {
  pair = await startPair();
  firstCfo = createCfo(1);
  await scored(firstCfo);
  const [audit] = await pair.app.store.getAudit(TENANT, firstCfo, 1);
  expect(audit!.evaluation.route.owner).toBe(EVA);
  // a rep marked themselves away from the HubSpot card
  const now = Date.now();
  await pair.app.store.addAbsence({ tenant: TENANT, owner: 'tomas.kral@example.com', from: now - 3_600_000, to: now + 8 * 3_600_000, note: 'dentist', setBy: 'hubspot-user:77 (tomas.kral@example.com)', setAt: now - 3_600_000 });
  browser = await launchChromium();
  page = await browser.context.newPage();
  const run = await cli(['admin-link', '--base-url', pair.app.url], { env: envFor(pair.sandboxUrl, pair.sandbox.privateAppToken, pair.dir) });
  expect(run.code).toBe(0);
  await page.goto(run.stdout.trim());
  await page.getByRole('heading', { name: 'Latest decisions' }).waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await pair?.app.close();
  await pair?.sandbox.close();
});

const repRow = (email: string) => page.locator(`table.team tr[data-rep="${email}"]`);

describe('console Team and Health pages in Chromium', () => {
  it("shows the reps, their load, and a rep's own absence with who set it", async () => {
    await page.getByRole('link', { name: 'Team' }).click();
    await page.getByRole('heading', { name: 'Team', exact: true }).waitFor();
    expect(page.url()).toMatch(/#\/team$/);
    await expect(page.locator('table.team tbody tr').count()).resolves.toBe(10);
    const eva = repRow(EVA);
    await expect(eva.locator('th').textContent()).resolves.toContain('Eva Svobodová');
    await expect(eva.locator('td').nth(3).textContent()).resolves.toBe('1'); // open leads: the first CFO
    const tomas = repRow('tomas.kral@example.com');
    await expect(tomas.textContent()).resolves.toMatch(/✕ Unavailable.*away \(dentist\), set by hubspot-user:77 \(tomas.kral@example.com\), until /);
    await expect(page.getByRole('link', { name: 'Team' }).getAttribute('aria-current')).resolves.toBe('page');
    await page.screenshot({ path: screenshotPath('console-team-1-reps'), fullPage: true });
  });

  it('sets an out-of-office period: preview says which leads move, publish makes a new version', async () => {
    const today = localDay(Date.now(), 'Europe/Prague');
    await page.getByLabel('Rep').selectOption(EVA);
    await page.getByLabel('First day away').fill(today);
    await page.getByLabel('Last day away').fill(addDays(today, 3));
    await page.getByLabel('Note (optional)').fill('conference');
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('status').filter({ hasText: 'Preview:' });
    await preview.waitFor();
    await expect(preview.textContent()).resolves.toMatch(/1 lead would move \(1 away from this rep\)/);
    await expect(preview.locator('table.moved tbody tr').textContent()).resolves.toContain(firstCfo);
    await page.screenshot({ path: screenshotPath('console-team-2-preview'), fullPage: true });
    await page.getByLabel('Comment for the version history (optional)').fill('Eva at the pharma conference');
    // keyboard: focus Publish and press Enter
    await page.getByRole('button', { name: 'Publish' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(/Published v1: eva.svobodova@example.com out of office/).waitFor();
    await waitUntil(async () => /✕ Unavailable.*out of office .*\(conference\)/.test((await repRow(EVA).textContent()) ?? ''), 5000, 'Eva shown unavailable');
    await expect(page.locator('table.versions tbody tr').first().textContent()).resolves.toMatch(/v1.*console session [0-9a-f]{8}.*Eva at the pharma conference.*active/);
    await page.screenshot({ path: screenshotPath('console-team-3-published'), fullPage: true });
  });

  it('routes the next lead past the rep who is out of office', async () => {
    await waitUntil(() => pair.app.config(TENANT).version === 'v1', 5000, 'v1 live');
    const next = createCfo(2);
    await scored(next);
    const [audit] = await pair.app.store.getAudit(TENANT, next, 1);
    expect(audit!.configVersion).toBe('v1');
    expect(audit!.evaluation.route.owner).not.toBe(EVA);
    expect(JSON.stringify(audit!.evaluation.route)).toMatch(/out.of.office/i);
  });

  it('shows a failed row with its reason; Retry re-queues it and the worker completes it', async () => {
    // A failed row as the pipeline leaves it: appended (due a few seconds ahead, so the worker does not take it first), claimed, failed.
    const at = Date.now() + 5000;
    await pair.app.store.inboxAppend([{ tenant: TENANT, source: 'hubspot-webhook', dedupeKey: 'console-retry-1', kind: 'contact.propertyChange', objectId: firstCfo, occurredAt: at, payload: { objectId: Number(firstCfo), subscriptionType: 'contact.propertyChange', propertyName: 'jobtitle', propertyValue: 'CFO', occurredAt: at } }], at);
    const [row] = await pair.app.store.inboxClaim({ tenant: TENANT, limit: 1, leaseMs: 60_000, now: at, worker: 'test' });
    await pair.app.store.inboxFail([row!.id], 'HubSpot answered 400 VALIDATION_ERROR: Property values were not valid (lead_router_priority)');
    await page.getByRole('link', { name: 'Health' }).click();
    await page.getByRole('heading', { name: 'Health' }).waitFor();
    const failedRow = page.locator(`table.failed tr[data-row="${row!.id}"]`);
    await failedRow.waitFor();
    await expect(failedRow.textContent()).resolves.toContain('Property values were not valid');
    await expect(page.locator('.facts').first().textContent()).resolves.toMatch(/no OAuth install.*Token✓ accepted/);
    await expect(page.getByText(/hubspot-webhook/).first().count()).resolves.toBe(1);
    await page.screenshot({ path: screenshotPath('console-health-1-failed'), fullPage: true });
    await failedRow.getByRole('button', { name: `Retry row ${row!.id} (contact.propertyChange ${firstCfo})` }).click();
    await page.getByText('Re-queued 1 row').waitFor();
    await waitUntil(async () => (await pair.app.store.inboxStats(TENANT)).failed === 0 && (await pair.app.store.inboxStats(TENANT)).pending === 0, 15_000, 'the row processed');
    await page.reload();
    await page.getByText(/No failed rows\./).waitFor();
    await page.screenshot({ path: screenshotPath('console-health-2-retried'), fullPage: true });
  });
});
