// A rep marks themselves away (or back) from the score card, for routing within seconds:
//   GET    <base>   the calling rep's absences still in effect
//   POST   <base>   {from?: ISO time (default now), to: ISO time, note?}: away from..to
//   DELETE <base>   "I'm back": ends the rep's running and planned absences now
// The rep is the HubSpot user HubSpot named in the signed URL (userEmail), and must be one of
// the tenant's config owners. Each absence is stored with who set it (AbsenceRecord), the
// routing state hands it to the engine, which skips the rep while it runs ("away until ...").
import type express from 'express';
import { z } from 'zod';
import { AuthError, ForbiddenError, InputError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { AbsenceRecord, Store, TenantKey } from '../../store/types.ts';
import { parseJson } from './json-body.ts';
import type { CardCaller } from './signed-card-request.ts';

/** Longest absence one call may set (a year): a typo in the year should not remove a rep for ages. */
export const MAX_ABSENCE_MS = 366 * 86_400_000;

export interface AvailabilityDeps {
  store: Store;
  now: () => number;
  logger: Logger;
  ownerEmails: (tenant: TenantKey) => ReadonlySet<string>;
  caller: (req: express.Request) => Promise<CardCaller & { tenant: TenantKey }>;
}

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO date-time (e.g. 2026-12-24T00:00:00Z)');
const awayBody = z.strictObject({
  from: isoTime.optional(),
  to: isoTime,
  note: z.string().trim().max(200).transform((t) => t.replace(/\u0000/g, '')).optional(),
});

function view(a: AbsenceRecord) {
  return { id: a.id, from: new Date(a.from).toISOString(), to: new Date(a.endedAt === null ? a.to : Math.min(a.to, a.endedAt)).toISOString(), note: a.note, setBy: a.setBy };
}

export function mountAvailabilityRoutes(router: express.Router, path: string, raw: express.RequestHandler, deps: AvailabilityDeps): void {
  /** The calling rep as a config owner of the tenant, or a 403 that says why not. */
  async function rep(req: express.Request) {
    const who = await deps.caller(req);
    if (!who.userEmail) throw new AuthError('Refused: the signed request names no HubSpot user e-mail (userEmail)');
    if (!deps.ownerEmails(who.tenant).has(who.userEmail)) {
      throw new ForbiddenError(`${who.userEmail} is not one of lead-router's reps in this portal's config: ask your admin to add them under owners`);
    }
    return { ...who, userEmail: who.userEmail, by: `hubspot-user:${who.userId ?? '?'} (${who.userEmail})` };
  }

  router.get(path, raw, async (req, res, next) => {
    try {
      const r = await rep(req);
      const list = await deps.store.listAbsences(r.tenant, { owner: r.userEmail, after: deps.now() });
      res.json({ owner: r.userEmail, absences: list.map(view) });
    } catch (err) {
      next(err);
    }
  });

  router.post(path, raw, async (req, res, next) => {
    try {
      const r = await rep(req);
      const parsed = awayBody.safeParse(parseJson(req.body));
      if (!parsed.success) throw new InputError(`Invalid absence: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')}`);
      const now = deps.now();
      const from = parsed.data.from === undefined ? now : Date.parse(parsed.data.from);
      const to = Date.parse(parsed.data.to);
      if (to <= from) throw new InputError('Invalid absence: "to" must be after "from"');
      if (to <= now) throw new InputError('Invalid absence: it is already over ("to" is in the past)');
      if (to - from > MAX_ABSENCE_MS) throw new InputError('Invalid absence: at most 366 days at once');
      const saved = await deps.store.addAbsence({ tenant: r.tenant, owner: r.userEmail, from, to, note: parsed.data.note || null, setBy: r.by, setAt: now });
      deps.logger.info('rep marked away', { tenant: r.tenant, from: saved.from, to: saved.to });
      res.status(201).json({ saved: view(saved) });
    } catch (err) {
      next(err);
    }
  });

  router.delete(path, raw, async (req, res, next) => {
    try {
      const r = await rep(req);
      const ended = await deps.store.endAbsences(r.tenant, r.userEmail, deps.now(), r.by);
      deps.logger.info('rep marked back', { tenant: r.tenant, ended });
      res.json({ ended });
    } catch (err) {
      next(err);
    }
  });
}
