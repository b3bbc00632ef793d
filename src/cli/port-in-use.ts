// A listen that fails because the port is taken (EADDRINUSE) or needs privileges (EACCES) is a
// usage problem, not a crash: say which port and address, and what changes it.
import { InputError } from '../errors.ts';

interface ListenError {
  code?: string;
  port?: number;
  address?: string;
}

/** The operator's message for a failed listen, or undefined when `err` is something else. */
export function listenErrorMessage(err: unknown, hint: string): string | undefined {
  const e = (err ?? {}) as ListenError;
  if (e.code !== 'EADDRINUSE' && e.code !== 'EACCES') return undefined;
  const where = `port ${e.port ?? '?'}${e.address ? ` on ${e.address}` : ''}`;
  const why = e.code === 'EADDRINUSE' ? 'is already in use (another program, or another lead-router, listens there)' : 'needs root privileges (ports below 1024)';
  return `${where} ${why}: ${hint}`;
}

/** Runs `listen`; a taken or privileged port becomes an InputError naming the port and the fix. */
export async function withListenHint<T>(listen: () => Promise<T>, hint: string): Promise<T> {
  try {
    return await listen();
  } catch (err) {
    const message = listenErrorMessage(err, hint);
    throw message ? new InputError(message) : err;
  }
}
