// Calls to lead-router's card backend through hubspot.fetch (window.fetch is not available in
// cards). HubSpot signs each call and appends the portal and user, so the card sends neither.
import type { CardView, FeedbackKind } from './types.ts';
import { CARD_PATH, LEAD_ROUTER_BASE_URL } from './backend.ts';

export type CardFetch = (url: string, options?: { method?: 'GET' | 'POST' | 'DELETE'; timeout?: number; body?: Record<string, unknown> }) => Promise<Response>;

/** Well inside hubspot.fetch's 15 s default; the backend answers from two indexed reads. */
const TIMEOUT_MS = 8000;

export type CardLoad = { status: 'ok'; view: CardView } | { status: 'not_scored'; message: string } | { status: 'error'; message: string };

async function messageOf(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { message?: string };
    return body.message ?? `lead-router answered ${res.status}`;
  } catch {
    return `lead-router answered ${res.status}`;
  }
}

export function createCardApi(fetchFn: CardFetch, baseUrl: string = LEAD_ROUTER_BASE_URL) {
  const url = (objectId: string, action = '') => `${baseUrl}${CARD_PATH}/${encodeURIComponent(objectId)}${action}`;
  return {
    async load(objectId: string): Promise<CardLoad> {
      const res = await fetchFn(url(objectId), { method: 'GET', timeout: TIMEOUT_MS });
      if (res.ok) return { status: 'ok', view: (await res.json()) as CardView };
      if (res.status === 404) return { status: 'not_scored', message: await messageOf(res) };
      return { status: 'error', message: await messageOf(res) };
    },
    async feedback(objectId: string, kind: FeedbackKind): Promise<string | null> {
      const res = await fetchFn(url(objectId, '/feedback'), { method: 'POST', timeout: TIMEOUT_MS, body: { kind } });
      return res.ok ? null : messageOf(res);
    },
    /** Mark the calling rep away for `hours` from now: new leads go to their team-mates. */
    async away(hours: number): Promise<string | null> {
      const to = new Date(Date.now() + hours * 3_600_000).toISOString();
      const res = await fetchFn(`${baseUrl}${CARD_PATH}/me/availability`, { method: 'POST', timeout: TIMEOUT_MS, body: { to } });
      return res.ok ? null : messageOf(res);
    },
    /** "I'm back": end the calling rep's absences now. */
    async back(): Promise<string | null> {
      const res = await fetchFn(`${baseUrl}${CARD_PATH}/me/availability`, { method: 'DELETE', timeout: TIMEOUT_MS });
      return res.ok ? null : messageOf(res);
    },
    async rescore(objectId: string): Promise<string | null> {
      const res = await fetchFn(url(objectId, '/rescore'), { method: 'POST', timeout: TIMEOUT_MS, body: {} });
      return res.ok ? null : messageOf(res);
    },
  };
}

export type CardApi = ReturnType<typeof createCardApi>;
