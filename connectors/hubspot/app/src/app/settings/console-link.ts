// The settings page asks lead-router for a one-time console link through hubspot.fetch: HubSpot
// signs the call and appends the admin's portal, so the page sends nothing itself and the link
// opens the console for this portal only.
import { HANDOFF_PATH, LEAD_ROUTER_BASE_URL } from './backend.ts';

export type SettingsFetch = (url: string, options?: { method?: 'GET' | 'POST'; timeout?: number; body?: Record<string, unknown> }) => Promise<Response>;

export type ConsoleLink = { ok: true; url: string } | { ok: false; message: string };

export async function requestConsoleLink(fetchFn: SettingsFetch, baseUrl: string = LEAD_ROUTER_BASE_URL): Promise<ConsoleLink> {
  try {
    const res = await fetchFn(`${baseUrl}${HANDOFF_PATH}`, { method: 'POST', timeout: 8000, body: {} });
    const body = (await res.json().catch(() => ({}))) as { url?: string; message?: string };
    if (res.ok && typeof body.url === 'string') return { ok: true, url: body.url };
    return { ok: false, message: body.message ?? `lead-router answered ${res.status}` };
  } catch (err) {
    return { ok: false, message: `lead-router could not be reached: ${(err as Error).message}` };
  }
}
