// Who is asking, and about which person, for every app-extension request Pipedrive sends (JSON
// panel, JSON modal): query `resource`, `view`, `userId`, `companyId`, `selectedIds`, `token`
// (Pipedrive docs "JSON modals": the same parameters as link actions, plus the signed token).
// Only the verified token names the company and user; the plain parameters must agree with it
// or the request is refused, so a tampered URL cannot point a valid token at another company.
import { AuthError, InputError, NotFoundError } from '../../src/errors.ts';
import { verifyPanelToken } from './panel-token.ts';

export interface PanelRequest {
  companyId: string;
  userId: string;
  /** The person whose detail view is open (first of `selectedIds`). */
  personId: string;
}

function single(query: Record<string, unknown>, name: string): string | undefined {
  const v = query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new AuthError(`Refused: the request carries "${name}" more than once`);
  return v;
}

export function authenticatePanelRequest(query: Record<string, unknown>, secret: string, now: number): PanelRequest {
  const { userId, companyId } = verifyPanelToken(single(query, 'token'), secret, now);
  const plainCompany = single(query, 'companyId');
  if (plainCompany !== undefined && plainCompany !== companyId) {
    throw new AuthError(`Refused: the request names company ${plainCompany} but its signed token is for company ${companyId}`);
  }
  const plainUser = single(query, 'userId');
  if (plainUser !== undefined && plainUser !== userId) {
    throw new AuthError(`Refused: the request names user ${plainUser} but its signed token is for user ${userId}`);
  }
  // lead-router scores persons; an organization's or deal's id would name a different record.
  const resource = single(query, 'resource');
  if (resource !== undefined && resource !== 'person') {
    throw new NotFoundError(`lead-router scores people, not a ${resource}: open a person's page to see their score`);
  }
  const personId = (single(query, 'selectedIds') ?? '').split(',')[0] ?? '';
  if (!/^\d{1,20}$/.test(personId)) throw new InputError(`"selectedIds" must name a Pipedrive person id (digits), got "${personId}"`);
  return { companyId, userId, personId };
}
