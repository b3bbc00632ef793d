// Primary companies read ahead (issue 13: HubSpot reads at the API's real batch sizes). The
// pipeline reads leads 100 at a time, but an associations v4 batch read takes 1,000 inputs
// (reference §6). So when a batch has to read its contacts' companies, the same call also reads
// them for the leads the pipeline says come next (`readAhead`: held, quiet, waiting for a batch
// slot), up to 1,000 in all, and keeps those results for their own batches.
//
// A kept result is used once (taken, not copied) and only while nothing new was heard about its
// lead: the pipeline calls `forget(ids)` for every lead an incoming event is about (an
// association change arrives as its own webhook), also while the read is still in flight, and a
// result older than `maxAgeMs` is read again. So a batch never uses associations read before the
// last event it holds for the lead, as when it reads them itself. A batch whose leads are being
// read ahead by a call in flight waits for that call instead of reading them twice; if it
// fails, the batch reads them itself.
import { ASSOCIATION_BATCH_READ_MAX, readPrimaryCompanies } from './associations.ts';
import type { HubspotHttp } from './http.ts';

export interface AssociationReadAhead {
  /** contact id -> primary company id for `contactIds` (absent: no company); also reads `readAhead`'s. */
  primaryCompanies(contactIds: string[], readAhead?: readonly string[]): Promise<Map<string, string>>;
  /** New events about these leads: what was read ahead for them is stale. */
  forget(ids: Iterable<string>): void;
  /** Results kept or in flight (for tests and bounds). */
  size(): number;
}

interface Entry {
  at: number;
  /** The primary company (null: none); undefined: the read failed, read again. */
  company: Promise<string | null | undefined>;
}

export function createAssociationReadAhead(
  http: HubspotHttp,
  opts: { now?: () => number; maxAgeMs?: number; max?: number } = {},
): AssociationReadAhead {
  const now = opts.now ?? Date.now;
  const maxAgeMs = opts.maxAgeMs ?? 60_000;
  const max = opts.max ?? ASSOCIATION_BATCH_READ_MAX;
  const entries = new Map<string, Entry>(); // insertion order = oldest first

  /** Drop results past their age, and the oldest beyond twice a call's worth. */
  function prune(): void {
    const oldest = now() - maxAgeMs;
    for (const [id, e] of entries) {
      if (e.at >= oldest && entries.size <= 2 * max) break;
      entries.delete(id);
    }
  }

  async function read(ids: string[], readAhead: readonly string[]): Promise<Map<string, string>> {
    const asked = new Set(ids);
    const ahead: string[] = [];
    for (const id of readAhead) {
      if (asked.size + ahead.length >= max) break;
      if (asked.has(id) || entries.has(id)) continue;
      ahead.push(id);
    }
    const call = readPrimaryCompanies(http, [...ids, ...ahead]);
    if (ahead.length) {
      const settled = call.then(
        (m) => m,
        () => null,
      );
      const at = now();
      for (const id of ahead) entries.set(id, { at, company: settled.then((m) => (m ? (m.get(id) ?? null) : undefined)) });
      prune();
    }
    return call;
  }

  return {
    async primaryCompanies(contactIds, readAhead = []) {
      const out = new Map<string, string>();
      const missing: string[] = [];
      const waiting: [string, Promise<string | null | undefined>][] = [];
      const oldest = now() - maxAgeMs;
      for (const id of new Set(contactIds)) {
        const e = entries.get(id);
        entries.delete(id);
        if (e && e.at >= oldest) waiting.push([id, e.company]);
        else missing.push(id);
      }
      const fresh = missing.length ? read(missing, readAhead) : Promise.resolve(new Map<string, string>());
      const got = await fresh;
      for (const id of missing) {
        const company = got.get(id);
        if (company) out.set(id, company);
      }
      const failed: string[] = [];
      for (const [id, p] of waiting) {
        const company = await p;
        if (company === undefined) failed.push(id);
        else if (company !== null) out.set(id, company);
      }
      if (failed.length) for (const [id, company] of await readPrimaryCompanies(http, failed)) out.set(id, company);
      return out;
    },
    forget(ids) {
      for (const id of ids) entries.delete(id);
    },
    size: () => entries.size,
  };
}
