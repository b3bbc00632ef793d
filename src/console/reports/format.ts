// Report numbers in the admin's locale (the browser's): counts, percentages, minutes, money.
const locale = typeof navigator === 'undefined' ? 'en' : navigator.language;
const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
const dayFormat = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });

export const int = (n: number): string => count.format(n);
export const pct = (x: number | null): string => (x === null ? '–' : percent.format(x));
export const minutes = (m: number | null): string => (m === null ? '–' : `${decimal.format(m)} min`);
export const day = (iso: string): string => dayFormat.format(new Date(`${iso}T00:00:00Z`));

export function money(revenue: Record<string, number>): string {
  const parts = Object.entries(revenue).sort(([a], [b]) => a.localeCompare(b)).map(([currency, v]) => {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(v);
    } catch {
      return `${decimal.format(v)} ${currency}`; // "?" or a code Intl does not know
    }
  });
  return parts.join(' + ') || int(0);
}

/** "42.0 % (31.2–53.6 %)": the rate with its 95% interval. */
export function rate(r: { rate: number | null; low: number | null; high: number | null }): string {
  return r.rate === null ? '–' : `${pct(r.rate)} (${pct(r.low)}–${pct(r.high)})`;
}
