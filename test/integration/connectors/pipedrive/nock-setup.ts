// nock lifecycle and request helpers for the Pipedrive integration tests.
import { API } from '../../../unit/connectors/pipedrive/fixtures.ts';

export { useNock } from '../../../helpers/use-nock.ts';
/** nock 15 hands reply callbacks a fetch Request (older nock: the path string). */
export function requestUrl(arg: unknown, base = API): URL {
  return new URL(typeof arg === 'string' ? arg : (arg as Request).url, base);
}

/** nock 15 reply callbacks get the fetch Request only; its JSON body is read from it. */
export async function jsonBody(arg: unknown): Promise<unknown> {
  return (arg as Request).clone().json();
}
