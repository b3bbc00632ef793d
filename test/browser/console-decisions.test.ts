// The admin console in a real browser against a running lead-router and the HubSpot sandbox:
// leads arrive as signed webhooks and are routed; `lead-router admin-link` prints a link; the
// admin opens it, finds a lead by email and reads why it went to its owner. Screenshots of each
// step go to test/artifacts/ (git-ignored).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/config/load.ts';
import { CONFIG, envFor, startPair, waitUntil } from '../e2e/hubspot-harness.ts';
import { cli } from '../unit/cli/run-cli.ts';
import { launchChromium, screenshotPath } from './chromium.ts';

type Pair = Awaited<ReturnType<typeof startPair>>;
const props = loadConfig(CONFIG).config.writeBack.properties;
let pair: Pair;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let cfoId: string;

beforeAll(async () => {
  pair = await startPair();
  const { sandbox, app } = pair;
  const [company] = sandbox.createCompanies([{ name: 'Big Pharma', domain: 'bigpharma.example.com', industry: 'pharmaceuticals', numberofemployees: '5000', country: 'CZ' }]);
  const created = sandbox.createContacts([
    { properties: { email: 'Petra.Novak@BigPharma.example.com', firstname: 'Petra', lastname: 'Novak', jobtitle: 'CFO', country: 'CZ' }, companyId: company!.id },
    { properties: { email: 'student@gmail.example', firstname: 'Sam', lastname: 'Student', jobtitle: 'Student', country: 'US' } },
    { properties: { email: 'it@acme.example.com', firstname: 'Ivan', lastname: 'Tech', jobtitle: 'IT Manager', country: 'DE', zip: '10115' } },
  ]);
  cfoId = created[0]!.id;
  await waitUntil(() => created.every((c) => sandbox.getContact(c.id)?.properties[props.score] !== undefined), 20_000, 'write-back');
  await app.worker.drain();
  browser = await launchChromium();
  page = await browser.context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await pair?.app.close();
  await pair?.sandbox.close();
});

async function adminLink(...extra: string[]): Promise<string> {
  const run = await cli(['admin-link', '--base-url', pair.app.url, ...extra], { env: envFor(pair.sandboxUrl, pair.sandbox.privateAppToken, pair.dir) });
  expect(run.code).toBe(0);
  return run.stdout.trim();
}

describe('admin console in Chromium', () => {
  it('shows a clear message without a session', async () => {
    await page.goto(`${pair.app.url}/admin`);
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Not signed in.*admin-link/);
    await page.screenshot({ path: screenshotPath('console-0-signed-out'), fullPage: true });
  });

  it('signs in with a one-time link and lists the latest decisions', async () => {
    const link = await adminLink('--as', 'petra.admin@example.com');
    const res = await page.goto(link);
    expect(new URL(page.url()).pathname).toBe('/admin');
    expect(res?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Latest decisions' }).waitFor();
    await expect(page.getByText('Tenant hubspot:62515').count()).resolves.toBe(1);
    // who signed in (admin-link --as), in the header
    await expect(page.locator('header .tenant').textContent()).resolves.toBe('Tenant hubspot:62515 · signed in as petra.admin@example.com');
    const rows = page.locator('table.decisions tbody tr');
    await waitUntil(async () => (await rows.count()) === 3, 5000, 'three decisions');
    const cookies = await browser.context.cookies();
    expect(cookies.find((c) => c.name === 'lr_console')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin' });
    await page.screenshot({ path: screenshotPath('console-1-decisions'), fullPage: true });

    // the same link does not work twice
    const again = await browser.context.newPage();
    const reused = await again.goto(link);
    expect(reused?.status()).toBe(401);
    await expect(again.locator('h1').textContent()).resolves.toBe('Sign-in link already used');
    await again.screenshot({ path: screenshotPath('console-2-link-reused'), fullPage: true });
    await again.close();
  });

  it('filters the list by tier', async () => {
    await page.getByLabel('Tier').selectOption('hot');
    await waitUntil(async () => (await page.locator('table.decisions tbody tr').count()) === 1, 5000, 'one hot decision');
    await expect(page.locator('table.decisions tbody tr').first().textContent()).resolves.toContain(cfoId);
    await page.screenshot({ path: screenshotPath('console-3-filtered'), fullPage: true });
    await page.getByLabel('Tier').selectOption('');
  });

  it("finds a lead by email (any case) and reads its score ledger and routing trace", async () => {
    await page.getByLabel('CRM record id or email').fill('petra.novak@bigpharma.example.com');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Lead ${cfoId}` }).waitFor();
    expect(page.url()).toMatch(new RegExp(`#/lead/${cfoId}$`));
    const [audit] = await pair.app.store.getAudit('hubspot:62515', cfoId, 1);
    const route = audit!.evaluation.route;
    await expect(page.locator('.sentence').textContent()).resolves.toBe(route.reason);
    await expect(page.locator('.meta').textContent()).resolves.toContain(`by config file:${pair.app.config().hash.slice(0, 12)}`); // configLabel: "file:<hash>" or "v3"
    expect(route.owner).toBe('eva.svobodova@example.com');
    const ledger = page.locator('table.ledger tbody tr');
    await expect(ledger.count()).resolves.toBe(audit!.evaluation.score.contributions.length);
    await expect(page.locator('ol.rules li').allTextContents()).resolves.toEqual(route.trace);
    await expect(page.getByRole('link', { name: 'Open in the CRM' }).getAttribute('href')).resolves.toBe(`https://app.hubspot.com/contacts/62515/record/0-1/${cfoId}`);
    await page.screenshot({ path: screenshotPath('console-4-lead-trace'), fullPage: true });
  });

  it('shows a rep\'s "wrong owner" report first on the lead, with the note and the decision it disputes', async () => {
    // The rep sets the feedback property in HubSpot: a signed property-change webhook.
    pair.sandbox.updateContact(cfoId, { lead_router_feedback: 'wrong_owner', lead_router_feedback_note: 'Petra belongs to the pharma team' });
    await waitUntil(async () => (await pair.app.store.listFeedback('hubspot:62515', cfoId)).length === 1, 20_000, 'the feedback row');
    await page.reload();
    await page.getByRole('heading', { name: `Lead ${cfoId}` }).waitFor();
    const report = page.locator('section.wrong-owner');
    await expect(report.getByRole('heading').textContent()).resolves.toBe('Wrong owner reported (1)');
    const text = (await report.locator('li').textContent())!;
    expect(text).toContain('Petra belongs to the pharma team');
    expect(text).toContain('via CRM field');
    expect(text).toContain('owner eva.svobodova@example.com');
    // first thing after the header, before the score ledger
    const order = await page.locator('article.lead > section').evaluateAll((els) => els.map((e) => e.className || e.getAttribute('aria-labelledby')));
    expect(order[0]).toBe('wrong-owner');
    await page.screenshot({ path: screenshotPath('console-4b-wrong-owner'), fullPage: true });
  });

  it('opens a team-routed lead from the list and shows every candidate considered', async () => {
    await page.getByRole('link', { name: '← All decisions' }).click();
    const row = page.locator('table.decisions tbody tr', { hasText: 'dach' });
    const leadId = (await row.getByRole('button').textContent())!;
    await row.getByRole('button').focus();
    await page.keyboard.press('Enter'); // keyboard works as well as the mouse
    await page.getByRole('heading', { name: `Lead ${leadId}` }).waitFor();
    const [audit] = await pair.app.store.getAudit('hubspot:62515', leadId, 1);
    const candidates = audit!.evaluation.route.candidates;
    expect(candidates.length).toBeGreaterThan(1);
    await expect(page.locator('table.candidates tbody tr').count()).resolves.toBe(candidates.length);
    await expect(page.locator('table.candidates tr.picked').textContent()).resolves.toContain(`${audit!.evaluation.route.owner} (picked)`);
    await page.screenshot({ path: screenshotPath('console-5-team-candidates'), fullPage: true });
  });

  it('signs out; the old cookie no longer reads anything', async () => {
    const cookie = (await browser.context.cookies()).find((c) => c.name === 'lr_console')!;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText(/Signed out/).waitFor();
    const res = await fetch(`${pair.app.url}/admin/api/decisions`, { headers: { cookie: `lr_console=${cookie.value}` } });
    expect(res.status).toBe(401);
    await page.screenshot({ path: screenshotPath('console-6-signed-out'), fullPage: true });
  });
  it('signs in when the link is followed from another site, as from the CRM (SameSite=Strict)', async () => {
    const link = await adminLink();
    // "localhost" and "127.0.0.1" are different sites: the click is a cross-site navigation
    const crm = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<a href="${link}">Open the admin console</a>`));
    await new Promise<void>((r) => crm.listen(0, '127.0.0.1', () => r()));
    const other = await browser.context.newPage();
    try {
      await other.goto(`http://localhost:${(crm.address() as AddressInfo).port}/`);
      await other.getByRole('link', { name: 'Open the admin console' }).click();
      await other.getByRole('heading', { name: 'Latest decisions' }).waitFor();
      await expect(other.getByText('Tenant hubspot:62515').count()).resolves.toBe(1);
    } finally {
      await other.close();
      crm.close();
    }
  });
});
