// The Rules page's API on SQLite and PostgreSQL: read the tenant's config, validate a draft
// with the loader's own issues, preview on the tenant's own history, publish (never an invalid
// config) and roll back; a session of tenant A can neither read nor change B's config.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { parseConfigText } from '../../../../src/config/load.ts';
import { INSTALL_TEMPLATE_AUTHOR } from '../../../../src/tenants/install-template.ts';
import { ConfigError } from '../../../../src/errors.ts';
import { CONFIG, type ConsoleHarness, TENANT_A, TENANT_B, postgresReachable, signIn, startConsole } from './console-app.ts';

const kinds: ('sqlite' | 'postgres')[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];
const FILE_TEXT = readFileSync(CONFIG.file, 'utf8');
const TYPO = FILE_TEXT.replace('    cap: 70 # fit never exceeds 70 points', '    cpa: 70 # fit never exceeds 70 points');
const EDITED = FILE_TEXT.replace('weight: 2 # gets twice', 'weight: 3 # gets twice');

type Session = { cookie: string; csrf: string };

describe.each(kinds)('console Rules API (%s)', (kind) => {
  let h: ConsoleHarness;
  let a: Session;
  let b: Session;
  beforeAll(async () => {
    h = await startConsole(kind);
    a = await signIn(h, TENANT_A);
    b = await signIn(h, TENANT_B);
  });
  afterAll(async () => {
    await h.close();
  });

  const get = (path: string, s: Session) => request(h.app).get(path).set('Cookie', s.cookie);
  const post = (path: string, s: Session, body: unknown) => request(h.app).post(path).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrf).send(body as object);

  it('reads the config file while the tenant has no version', async () => {
    const res = await get('/admin/api/rules', a);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'file', version: null, yaml: FILE_TEXT, unreviewed: false, label: `file:${CONFIG.hash.slice(0, 12)}` });
    expect((await get('/admin/api/rules/versions', a)).body).toEqual({ active: null, items: [] });
  });

  it("validates a draft with the loader's own issues (line, path, hint), like `validate`", async () => {
    const res = await post('/admin/api/rules/validate', a, { yaml: TYPO });
    expect(res.status).toBe(200);
    let expected: ConfigError | undefined;
    try {
      parseConfigText(TYPO, 'draft');
    } catch (err) {
      expected = err as ConfigError;
    }
    expect(res.body).toEqual({ valid: false, issues: JSON.parse(JSON.stringify(expected!.issues)) });
    const line = TYPO.split('\n').findIndex((l) => l.includes('cpa: 70')) + 1;
    expect(res.body.issues).toContainEqual(expect.objectContaining({ path: 'scoring.fit.cpa', line, hint: expect.stringContaining("did you mean 'cap'") }));
    expect((await post('/admin/api/rules/validate', a, { yaml: FILE_TEXT })).body).toEqual({ valid: true, issues: [] });
    const broken = await post('/admin/api/rules/validate', a, { yaml: 'scoring: [\n' });
    expect(broken.body.issues[0]).toMatchObject({ message: expect.stringMatching(/^YAML syntax error/), line: expect.any(Number) });
  });

  it('answers 400 with the reason for a malformed request, never a crash', async () => {
    const notJson = await request(h.app).post('/admin/api/rules/validate').set('Cookie', a.cookie).set('X-CSRF-Token', a.csrf).set('Content-Type', 'text/plain').send('version: 1');
    expect(notJson.status).toBe(400);
    expect(notJson.body.message).toMatch(/must be JSON/);
    const noYaml = await post('/admin/api/rules/preview', a, { yml: FILE_TEXT });
    expect(noYaml.status).toBe(400);
    expect(noYaml.body.message).toMatch(/yaml/);
    const window = await post('/admin/api/rules/preview', a, { yaml: FILE_TEXT, sinceDays: 400 });
    expect(window.status).toBe(400);
    expect(window.body.message).toMatch(/sinceDays/);
    expect((await post('/admin/api/rules/rollback', a, { version: 'v1' })).status).toBe(400);
    expect((await get('/admin/api/rules/versions/x', a)).status).toBe(400);
  });

  it('refuses writes without the CSRF token and requests naming another tenant', async () => {
    const noCsrf = await request(h.app).post('/admin/api/rules/publish').set('Cookie', a.cookie).send({ yaml: EDITED });
    expect(noCsrf.status).toBe(403);
    const named = await get(`/admin/api/rules?tenant=${TENANT_B}`, a);
    expect(named.status).toBe(403);
    const namedWrite = await post(`/admin/api/rules/publish?tenant=${TENANT_B}`, a, { yaml: EDITED });
    expect(namedWrite.status).toBe(403);
    expect((await h.store.listConfigVersions(TENANT_B)).length).toBe(0);
    expect((await h.store.listConfigVersions(TENANT_A)).length).toBe(0);
  });

  it('previews a draft on the session tenant’s history only', async () => {
    const ra = await post('/admin/api/rules/preview', a, { yaml: EDITED, sinceDays: 7 });
    expect(ra.status).toBe(200);
    // the harness's decisions carry no engine input: counted, not replayed, and only A's two
    expect(ra.body).toMatchObject({ sinceDays: 7, decisions: 0, withoutInput: 2, changedTotal: 0, changes: [], fallbackTotal: 0 });
    expect((await post('/admin/api/rules/preview', b, { yaml: EDITED })).body).toMatchObject({ sinceDays: 30, withoutInput: 1 });
    const bad = await post('/admin/api/rules/preview', a, { yaml: TYPO });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ error: 'CONFIG_INVALID', issues: expect.arrayContaining([expect.objectContaining({ path: 'scoring.fit.cpa' })]) });
  });

  it('never activates an invalid draft: kept in the history with its issues', async () => {
    const changes = h.configChanges;
    const res = await post('/admin/api/rules/publish', a, { yaml: TYPO, comment: 'typo' });
    expect(res.status).toBe(422);
    expect(h.configChanges).toBe(changes); // nothing activated: the pipelines are not told
    expect(res.body).toMatchObject({ error: 'CONFIG_INVALID', activated: false });
    expect(await h.store.getActiveConfigVersion(TENANT_A)).toBeNull();
    const versions = (await get('/admin/api/rules/versions', a)).body;
    expect(versions.active).toBeNull();
    expect(versions.items).toEqual([expect.objectContaining({ version: 1, valid: false, active: false, comment: 'typo', issues: expect.arrayContaining([expect.objectContaining({ path: 'scoring.fit.cpa' })]) })]);
    expect((await post('/admin/api/rules/rollback', a, { version: 1 })).body.message).toMatch(/failed validation/);
  });

  it('publishes a valid draft for the session tenant, authored by the console session', async () => {
    const changes = h.configChanges;
    const res = await post('/admin/api/rules/publish', a, { yaml: EDITED, comment: 'Petra weight 3' });
    expect(res.status).toBe(201);
    expect(h.configChanges).toBe(changes + 1); // this process's pipelines load v2 before the answer
    expect(res.body).toEqual({ version: 2, label: 'v2' });
    const active = await h.store.getActiveConfigVersion(TENANT_A);
    expect(active).toMatchObject({ version: 2, yaml: EDITED, comment: 'Petra weight 3', author: expect.stringMatching(/^console session [0-9a-f]{8}$/) });
    expect((await get('/admin/api/rules', a)).body).toMatchObject({ source: 'version', version: 2, label: 'v2', yaml: EDITED });
    expect((await get('/admin/api/rules/versions/2', a)).body).toEqual({ version: 2, yaml: EDITED });
    // B still runs the config file and sees none of A's versions
    expect((await get('/admin/api/rules', b)).body).toMatchObject({ source: 'file', yaml: FILE_TEXT });
    expect((await get('/admin/api/rules/versions', b)).body).toEqual({ active: null, items: [] });
    expect((await get('/admin/api/rules/versions/2', b)).status).toBe(404);
  });

  it("cannot roll back or overwrite A's config from B's session", async () => {
    const res = await post('/admin/api/rules/rollback', b, { version: 2 });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(new RegExp(`${TENANT_B} has no config version v2`));
    await post('/admin/api/rules/publish', b, { yaml: FILE_TEXT, comment: 'B first' }).expect(201);
    expect((await h.store.getActiveConfigVersion(TENANT_A))!.version).toBe(2);
    expect((await h.store.getActiveConfigVersion(TENANT_B))!.comment).toBe('B first');
  });

  it('rolls back to an earlier valid version and lists the history with the active marker', async () => {
    await post('/admin/api/rules/publish', a, { yaml: FILE_TEXT, comment: 'back to defaults' }).expect(201);
    const res = await post('/admin/api/rules/rollback', a, { version: 2 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ version: 2, label: 'v2' });
    const versions = (await get('/admin/api/rules/versions', a)).body;
    expect(versions.active).toBe(2);
    expect(versions.items.map((v: { version: number; active: boolean; valid: boolean }) => [v.version, v.active, v.valid])).toEqual([
      [3, false, true],
      [2, true, true],
      [1, false, false],
    ]);
    expect((await post('/admin/api/rules/rollback', a, { version: 9 })).body.message).toMatch(/no config version v9 \(versions: v1, v2, v3\)/);
  });

  it('marks a version from the install template "not yet reviewed" until the admin publishes', async () => {
    await h.store.appendConfigVersion({ tenant: TENANT_B, yaml: FILE_TEXT, author: INSTALL_TEMPLATE_AUTHOR, comment: 'template', createdAt: h.clock.now, valid: true, issues: [] }, { activate: true });
    expect((await get('/admin/api/rules', b)).body).toMatchObject({ source: 'version', version: 2, unreviewed: true });
    expect((await get('/admin/api/rules/versions', b)).body.items[0]).toMatchObject({ version: 2, active: true, unreviewed: true });
    await post('/admin/api/rules/publish', b, { yaml: EDITED, comment: 'reviewed' }).expect(201);
    expect((await get('/admin/api/rules', b)).body).toMatchObject({ version: 3, unreviewed: false });
  });
});
