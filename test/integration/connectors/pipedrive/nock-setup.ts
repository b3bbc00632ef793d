// nock lifecycle and request helpers for the Pipedrive integration tests.
import { API } from '../../../unit/connectors/pipedrive/fixtures.ts';

export { jsonOf as jsonBody, useNock } from '../../../helpers/use-nock.ts';

/** nock 14 calls reply functions with (path, body): the path with its query string. */
export function requestUrl(path: string, base = API): URL {
  return new URL(path, base);
}
