// Every store failure leaves the store as a coded STORE_ERROR (HTTP 503: the CRM retries the
// webhook) with the driver error as cause and a hint at the fix. Errors thrown by the caller's
// routeAtomically callback are not store failures and pass through untouched.
import { LeadRouterError } from '../errors.ts';
import type { Store } from './types.ts';

const callerErrors = new WeakSet<object>();

/** Mark an error thrown by caller code inside a store transaction so it is rethrown as is. */
export function passThrough(err: unknown): unknown {
  if (typeof err === 'object' && err !== null) callerErrors.add(err);
  return err;
}

export function toStoreError(kind: Store['kind'], op: string, err: unknown, hint: string): unknown {
  if (err instanceof LeadRouterError) return err;
  if (typeof err === 'object' && err !== null && callerErrors.has(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new LeadRouterError('STORE_ERROR', `Store (${kind}) ${op} failed: ${message}. ${hint}`, { cause: err });
}

/** Wrap every method of a store so failures surface as STORE_ERROR. */
export function guardStore(store: Store, hint: string): Store {
  const guarded: Record<string, unknown> = { kind: store.kind };
  for (const [name, value] of Object.entries(store)) {
    if (typeof value !== 'function') continue;
    const method = value as (...args: unknown[]) => Promise<unknown>;
    guarded[name] = async (...args: unknown[]) => {
      try {
        return await method(...args);
      } catch (err) {
        throw toStoreError(store.kind, name, err, hint);
      }
    };
  }
  return guarded as unknown as Store;
}
