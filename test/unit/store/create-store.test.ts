// DATABASE_URL -> store: every accepted form, and the error for the rest.
import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EnvError } from '../../../src/errors.ts';
import { createStore } from '../../../src/store/create-store.ts';
import { DEFAULT_SQLITE_PATH, parseDatabaseUrl } from '../../../src/store/parse-database-url.ts';

const dir = mkdtempSync(join(tmpdir(), 'lead-router-url-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseDatabaseUrl', () => {
  it.each([
    [undefined, { kind: 'sqlite', path: DEFAULT_SQLITE_PATH }],
    ['', { kind: 'sqlite', path: DEFAULT_SQLITE_PATH }],
    ['   ', { kind: 'sqlite', path: DEFAULT_SQLITE_PATH }],
    ['sqlite:./data/x.db', { kind: 'sqlite', path: './data/x.db' }],
    ['sqlite:///var/lib/lr.db', { kind: 'sqlite', path: '/var/lib/lr.db' }],
    ['sqlite://data/lr.db', { kind: 'sqlite', path: 'data/lr.db' }],
    ['SQLITE::memory:', { kind: 'sqlite', path: ':memory:' }],
    ['file:data/lr.db', { kind: 'sqlite', path: 'data/lr.db' }],
    ['file:///var/lib/my%20db.sqlite', { kind: 'sqlite', path: '/var/lib/my db.sqlite' }],
    ['./data/lead-router.db', { kind: 'sqlite', path: './data/lead-router.db' }],
    ['/abs/lr.db', { kind: 'sqlite', path: '/abs/lr.db' }],
    ['lr.db', { kind: 'sqlite', path: 'lr.db' }],
    [':memory:', { kind: 'sqlite', path: ':memory:' }],
    ['C:\\data\\lr.db', { kind: 'sqlite', path: 'C:\\data\\lr.db' }],
    ['postgres://u:p@db:5432/app', { kind: 'postgres', url: 'postgres://u:p@db:5432/app' }],
    ['postgresql://db/app?sslmode=require', { kind: 'postgres', url: 'postgresql://db/app?sslmode=require' }],
    ['postgres://db/app?schema=lead_router&sslmode=require', { kind: 'postgres', url: 'postgres://db/app?sslmode=require', schema: 'lead_router' }],
  ])('%p', (input, expected) => {
    expect(parseDatabaseUrl(input)).toEqual(expected);
  });

  it.each([
    ['mysql://root:hunter2@db/app', /unsupported scheme "mysql:"/],
    ['redis://x', /unsupported scheme "redis:"/],
    ['sqlite:', /names no file/],
    ['file:', /names no file/],
    ['postgres://db/app?schema=Bad-Name', /invalid \?schema="Bad-Name"/],
    ['postgres://u:secret@db:notaport/app', /not a valid postgres:\/\/ URL/],
  ])('rejects %p with an EnvError naming DATABASE_URL and the accepted forms', (input, message) => {
    let err: unknown;
    try {
      parseDatabaseUrl(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EnvError);
    expect(err).toMatchObject({ code: 'ENV_INVALID', variables: ['DATABASE_URL'] });
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toMatch(/DATABASE_URL/);
    expect((err as Error).message).not.toMatch(/hunter2|secret/);
  });

  it('lists the accepted forms in the error', () => {
    expect(() => parseDatabaseUrl('mongodb://x')).toThrow(/sqlite:<path>.*file:<path>.*postgres:\/\//);
  });
});

describe('createStore', () => {
  it('opens SQLite for a path, a sqlite: URL and a file: URL', async () => {
    for (const url of [join(dir, 'a', 'plain.db'), `sqlite:${join(dir, 'b', 'x.db')}`, pathToFileURL(join(dir, 'c', 'y.db')).href]) {
      const store = createStore(url);
      expect(store.kind).toBe('sqlite');
      await store.migrate();
      await store.setCursor('k', url);
      expect(await store.getCursor('k')).toBe(url);
      await store.close();
    }
    expect(existsSync(join(dir, 'a', 'plain.db'))).toBe(true);
    expect(existsSync(join(dir, 'b', 'x.db'))).toBe(true);
    expect(existsSync(join(dir, 'c', 'y.db'))).toBe(true);
  });

  it('opens PostgreSQL for postgres:// and postgresql:// without connecting yet', async () => {
    for (const url of ['postgres://nobody@127.0.0.1:1/none', 'postgresql://nobody@127.0.0.1:1/none?schema=lr']) {
      const store = createStore(url);
      expect(store.kind).toBe('postgres');
      await store.close();
    }
  });

  it('throws EnvError for anything else', () => {
    expect(() => createStore('mysql://x/y')).toThrow(EnvError);
  });
});
