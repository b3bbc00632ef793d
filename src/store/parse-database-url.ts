// DATABASE_URL -> which store, where. Pure, so every accepted form is testable without I/O.
import { fileURLToPath } from 'node:url';
import { EnvError } from '../errors.ts';
import { POSTGRES_SCHEMA_NAME } from './store-conventions.ts';

export const DEFAULT_SQLITE_PATH = './data/lead-router.db';

export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema?: string };

const ACCEPTED =
  `unset (embedded SQLite at ${DEFAULT_SQLITE_PATH}), sqlite:<path>, file:<path>, a file path (e.g. ./data/lead-router.db), ` +
  'or postgres://user:password@host:5432/database (optionally ?schema=<name>)';

/** A scheme of two or more letters; "C:\..." (a Windows drive) is a path, not a scheme. */
const SCHEME = /^([a-z][a-z0-9+.-]+):/i;

export function parseDatabaseUrl(databaseUrl: string | undefined): DatabaseTarget {
  const value = databaseUrl?.trim() ?? '';
  if (value === '') return { kind: 'sqlite', path: DEFAULT_SQLITE_PATH };
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined) return { kind: 'sqlite', path: value };
  if (scheme === 'postgres' || scheme === 'postgresql') return parsePostgres(value);
  if (scheme === 'sqlite' || scheme === 'file') return { kind: 'sqlite', path: sqlitePath(value, scheme) };
  // Only the scheme is echoed: the rest may hold a password.
  throw new EnvError(['DATABASE_URL'], `DATABASE_URL has an unsupported scheme "${scheme}:". Use ${ACCEPTED}.`);
}

function sqlitePath(value: string, scheme: string): string {
  const rest = value.slice(scheme.length + 1);
  let path: string;
  if (scheme === 'file' && rest.startsWith('//')) {
    try {
      path = fileURLToPath(value); // file:///var/lib/x.db, percent-decoding included
    } catch (err) {
      throw new EnvError(['DATABASE_URL'], `DATABASE_URL is not a valid file URL (${(err as Error).message}). Use ${ACCEPTED}.`);
    }
  } else {
    // sqlite:///abs/x.db -> /abs/x.db, sqlite://data/x.db and sqlite:data/x.db -> data/x.db
    path = rest.startsWith('//') ? rest.slice(2) : rest;
  }
  if (path === '') throw new EnvError(['DATABASE_URL'], `DATABASE_URL "${value}" names no file. Use ${ACCEPTED}.`);
  return path;
}

function parsePostgres(value: string): DatabaseTarget {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new EnvError(['DATABASE_URL'], `DATABASE_URL is not a valid postgres:// URL (percent-encode special characters in the password). Use ${ACCEPTED}.`);
  }
  // ?schema= is ours, not libpq's: take it out before handing the URL to pg.
  const schema = url.searchParams.get('schema') ?? undefined;
  if (schema === undefined) return { kind: 'postgres', url: value };
  url.searchParams.delete('schema');
  if (!POSTGRES_SCHEMA_NAME.test(schema)) {
    throw new EnvError(
      ['DATABASE_URL'],
      `DATABASE_URL has an invalid ?schema="${schema}": use lower-case letters, digits and "_" (at most 63, not starting with a digit), or leave the parameter out for "public".`,
    );
  }
  return { kind: 'postgres', url: url.toString(), schema };
}
