// The console's Reports page in a real browser against a running lead-router and the HubSpot
// sandbox: contacts with an original traffic source (hs_analytics_source) arrive as signed
// webhooks and are routed; the admin opens Reports, reads the funnel (charts and tables),
// switches the grouping to source and exports the CSV, which is byte for byte what
// `lead-router report --format csv` prints. Screenshots go to test/artifacts/ (git-ignored).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/config/load.ts';
import { issueAdminLink } from '../../src/server/console/admin-link.ts';
import { CONFIG, envFor, startPair, waitUntil } from '../e2e/hubspot-harness.ts';
import { cli } from '../unit/cli/run-cli.ts';
import { launchChromium, screenshotPath } from './chromium.ts';

type Pair = Awaited<ReturnType<typeof startPair>>;
const props = loadConfig(CONFIG).config.writeBack.properties;
const TENANT = 'hubspot:62515';
let pair: Pair;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let env: Record<string, string>;

beforeAll(async () => {
  pair = await startPair();
  const { sandbox, app } = pair;
  env = envFor(pair.sandboxUrl, sandbox.privateAppToken, pair.dir);
  const [company] = sandbox.createCompanies([{ name: 'Big Pharma', domain: 'bigpharma.example.com', industry: 'pharmaceuticals', numberofemployees: '5000', country: 'CZ' }]);
  const created = sandbox.createContacts([
    { properties: { email: 'cfo@bigpharma.example.com', firstname: 'Petra', lastname: 'Novak', jobtitle: 'CFO', country: 'CZ', hs_analytics_source: 'PAID_SEARCH' }, companyId: company!.id },
    { properties: { email: 'head@bigpharma.example.com', firstname: 'Jan', lastname: 'Dvorak', jobtitle: 'Head of Procurement', country: 'CZ', hs_analytics_source: 'ORGANIC_SEARCH' }, companyId: company!.id },
    { properties: { email: 'student@gmail.example', firstname: 'Sam', lastname: 'Student', jobtitle: 'Student', country: 'US', hs_analytics_source: 'ORGANIC_SEARCH' } },
    { properties: { email: 'it@acme.example.com', firstname: 'Ivan', lastname: 'Tech', jobtitle: 'IT Manager', country: 'DE', zip: '10115' } },
  ]);
  await waitUntil(() => created.every((c) => sandbox.getContact(c.id)?.properties[props.score] !== undefined), 20_000, 'write-back');
  await app.worker.drain();
  await app.store.appendFeedback({ tenant: TENANT, leadId: created[2]!.id, at: Date.now(), userId: '1', kind: 'bad_fit', note: null });
  browser = await launchChromium();
  page = await browser.context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await pair?.app.close();
  await pair?.sandbox.close();
});

describe('Reports page in Chromium', () => {
  it('opens Reports from the navigation and shows the funnel per rep as charts and a table', async () => {
    const link = await cli(['admin-link', '--base-url', pair.app.url], { env });
    expect(link.code).toBe(0);
    await page.goto(link.stdout.trim());
    await page.getByRole('heading', { name: 'Latest decisions' }).waitFor();
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Funnel by rep' }).waitFor();
    expect(page.url()).toMatch(/#\/reports$/);
    await expect(page.getByRole('link', { name: 'Reports' }).getAttribute('aria-current')).resolves.toBe('page');

    // The table carries the same numbers as lead-router report for the same window.
    const json = JSON.parse((await cli(['report', '--since', '30d', '--format', 'json'], { env })).stdout) as { rows: { group: string; leads: number }[]; total: { leads: number } };
    expect(json.total.leads).toBe(4);
    const rows = page.locator('#funnel-h ~ table tbody tr');
    await expect(rows.count()).resolves.toBe(json.rows.length + 1);
    for (const [i, r] of json.rows.entries()) {
      await expect(rows.nth(i).locator('th').textContent()).resolves.toContain(r.group);
      await expect(rows.nth(i).locator('td').first().textContent()).resolves.toBe(String(r.leads));
    }
    await expect(rows.last().textContent()).resolves.toMatch(/^All leads.*\*small sample4/);
    // Charts are labelled images drawn on canvas; each has a table beside it.
    const charts = page.locator('canvas[role="img"]');
    expect(await charts.count()).toBeGreaterThanOrEqual(4);
    await expect(charts.first().getAttribute('aria-label')).resolves.toMatch(/The table below has the same numbers/);
    await expect(page.getByRole('table', { name: /Leads per tier/ }).count()).resolves.toBe(1);
    await expect(page.getByRole('table', { name: /Feedback given in the window/ }).textContent()).resolves.toMatch(/Bad fit.*1/);
    await page.screenshot({ path: screenshotPath('reports-1-by-rep'), fullPage: true });
  });

  it('switches the grouping to source: HubSpot original traffic source, read with each lead', async () => {
    await page.getByLabel('Group the funnel by').selectOption('source');
    await page.getByRole('heading', { name: 'Funnel by source' }).waitFor();
    const groups = await page.locator('#funnel-h ~ table tbody tr th').allTextContents();
    expect(groups.map((g) => g.replace(/\*small sample$/, '').trim())).toEqual(['ORGANIC_SEARCH', '(unknown)', 'PAID_SEARCH', 'All leads']);
    await page.screenshot({ path: screenshotPath('reports-2-by-source'), fullPage: true });
  });

  it('exports the funnel as CSV, the same text as lead-router report --format csv', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^lead-router-report-source-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    const fromCli = await cli(['report', '--since', '30d', '--by', 'source', '--format', 'csv'], { env });
    expect(text).toBe(fromCli.stdout);
    expect(text.split('\r\n')[0]).toMatch(/^group,leads,/);
  });

  it("tells an admin of a tenant without decisions what to do next, and never shows another tenant's numbers", async () => {
    const link = await issueAdminLink({ store: pair.app.store, now: Date.now() }, 'hubspot:777', pair.app.url);
    const other = await browser.context.newPage();
    try {
      await other.goto(link.url);
      await other.getByRole('heading', { name: 'Latest decisions' }).waitFor();
      await other.goto(`${pair.app.url}/admin#/reports`);
      await other.getByText('No decisions in this window.').waitFor();
      await expect(other.locator('main').textContent()).resolves.not.toMatch(/ORGANIC_SEARCH|Funnel by/);
      await other.getByLabel('Window').focus();
      await other.keyboard.press('End'); // keyboard: the longest window
      await other.getByText('No decisions in this window.').waitFor();
      await other.screenshot({ path: screenshotPath('reports-3-empty'), fullPage: true });
    } finally {
      await other.close();
    }
  });
});
