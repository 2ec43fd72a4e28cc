/**
 * A date field's accepted period (`DateRange`), with no dependency: the content checks
 * (to-zod.ts, the import) and the back-office's date widget (backoffice/admin/date-widget.ts,
 * in the browser) give the same answer and the same French words.
 */
import { DEFAULT_DATE_RANGE, type DateRange } from './fields.ts';

/** A bound of a date range as a day (UTC midnight), relative bounds counted from `now`. */
export function dateBound(bound: string, now = new Date()): Date {
  const rel = /^([+-]\d+)y$/.exec(bound);
  if (rel) return new Date(Date.UTC(now.getUTCFullYear() + Number(rel[1]), now.getUTCMonth(), now.getUTCDate()));
  return new Date(`${bound}T00:00:00Z`);
}

const DAY = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Why a date is outside its range (French), or undefined when it is inside. */
export function dateRangeIssue(d: Date, range: DateRange = DEFAULT_DATE_RANGE, now = new Date()): string | undefined {
  const min = dateBound(range.min, now);
  const max = dateBound(range.max, now);
  if (d.getTime() >= min.getTime() && d.getTime() < max.getTime() + 86_400_000) return undefined;
  const period = `(du ${DAY.format(min)} au ${DAY.format(max)})`;
  if (range.max === '+0y' && d.getTime() >= max.getTime() + 86_400_000) return `date dans le futur : attendu une date passée ou celle du jour ${period}`;
  return `date hors de la période admise ${period} : vérifiez l’année`;
}
