// Numbers and times in the admin's own locale (the browser's), never colour alone.
const locale = typeof navigator === 'undefined' ? 'en' : navigator.language;
const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, signDisplay: 'exceptZero' });
const timeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

export const num = (n: number): string => numberFormat.format(n);
/** Rotation pointers move in ticks of 1/720720 turn: show enough digits to tell them apart. */
const fine = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 });
export const pointer = (n: number): string => fine.format(n);
export const points = (n: number): string => signed.format(n);
export const time = (ms: number): string => timeFormat.format(new Date(ms));

const SKIPS: Record<string, string> = {
  inactive: 'inactive',
  unknown_owner: 'not a known owner',
  out_of_office: 'out of office',
  outside_hours: 'outside working hours',
  at_daily_cap: 'at daily cap',
  at_weekly_cap: 'at weekly cap',
  at_open_cap: 'at open-leads cap',
  missing_skill: 'missing skill',
  seniority: 'seniority',
  excluded: 'excluded (breached SLA)',
};

export const skipReason = (s: string | undefined): string => (s ? (SKIPS[s] ?? s) : '');

export const targetLabel = (t: string): string =>
  ({ owner: 'owner', team: 'team', account_owner: 'account owner', keep_current: 'current owner kept', fallback: 'fallback', unassigned: 'unassigned' })[t] ?? t;
