/**
 * Instants of the content model (`datetime` fields, e.g. `publishAt` « Publier le »): stored as
 * ISO 8601 with an explicit offset (`2027-01-15T09:00:00+01:00`), shown and typed in Paris time.
 * No dependency and no DOM: the content checks (to-zod.ts), the back-office's datetime widget
 * (backoffice/admin/datetime-widget.ts, in the browser), the scheduler (backoffice/schedule/) and
 * the workflow cards give the same answers and the same French words.
 */

/** The programme's time zone: every instant is typed and shown in it, whatever the editor's machine says. */
export const PARIS = 'Europe/Paris';

/** ISO 8601 date and time with seconds optional and an explicit offset (`Z` or `±hh:mm`). */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
/** What `<input type="datetime-local">` gives: `2027-01-15T09:00` (seconds optional). */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The instant a stored value names (a string with its offset, or a Date YAML made), else undefined. */
export function parseInstant(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== 'string') return undefined;
  const m = INSTANT.exec(value.trim());
  if (!m) return undefined;
  const d = new Date(value.trim());
  if (Number.isNaN(d.getTime())) return undefined;
  // 2027-02-30T… would roll over to March: refused (the day as written must exist).
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return day.getUTCDate() === Number(m[3]) && Number(m[4]) < 24 ? d : undefined;
}

/** Why a stored value is not an instant (French), or undefined when it is one. */
export function instantIssue(value: unknown): string | undefined {
  if (parseInstant(value) !== undefined) return undefined;
  return typeof value === 'string' && LOCAL.test(value.trim())
    ? 'date et heure sans fuseau horaire : attendu par exemple 2027-01-15T09:00:00+01:00 (heure de Paris)'
    : 'date et heure invalides : attendu par exemple 2027-01-15T09:00:00+01:00 (heure de Paris)';
}

const fields = (d: Date, timeZone: string) => {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(d);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour') % 24, mi: get('minute'), s: get('second') };
};

/** The offset of `timeZone` at instant `d`, in minutes east of UTC (Paris: 60 in winter, 120 in summer). */
export function zoneOffset(d: Date, timeZone = PARIS): number {
  const f = fields(d, timeZone);
  return Math.round((Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s) - Math.floor(d.getTime() / 1000) * 1000) / 60_000);
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');
const offsetText = (min: number) => `${min < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(min) / 60))}:${pad(Math.abs(min) % 60)}`;

/** An instant as the stored text: Paris wall time with its offset, `2027-01-15T09:00:00+01:00`. */
export function instantText(d: Date, timeZone = PARIS): string {
  const f = fields(d, timeZone);
  return `${pad(f.y, 4)}-${pad(f.mo)}-${pad(f.d)}T${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}${offsetText(zoneOffset(d, timeZone))}`;
}

/** An instant as `<input type="datetime-local">` shows it, in Paris time: `2027-01-15T09:00`. */
export function localText(d: Date, timeZone = PARIS): string {
  return instantText(d, timeZone).slice(0, 16);
}

/**
 * The instant a Paris wall time names (`2027-01-15T09:00` from the input), or undefined when it is
 * not a time (incomplete) or does not exist (the hour skipped in March). An hour lived twice (the
 * last Sunday of October) is its first passing.
 */
export function fromLocalText(text: string, timeZone = PARIS): Date | undefined {
  const m = LOCAL.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  // Two guesses cover both offsets of the day; the first whose wall time matches wins.
  for (const guess of [wall - zoneOffset(new Date(wall - 12 * 3600_000), timeZone) * 60_000, wall - zoneOffset(new Date(wall + 12 * 3600_000), timeZone) * 60_000]) {
    if (localText(new Date(guess), timeZone) === `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}`) return new Date(guess);
  }
  return undefined;
}

/**
 * « 15 janvier à 9 h », « 15 janvier à 9 h 30 », with the year when it is not this year's
 * (« 15 janvier 2028 à 9 h »): Paris time, through Intl.
 */
export function frenchInstant(d: Date, now = new Date(), timeZone = PARIS): string {
  const f = fields(d, timeZone);
  const sameYear = fields(now, timeZone).y === f.y;
  const day = new Intl.DateTimeFormat('fr-FR', { timeZone, day: 'numeric', month: 'long', ...(sameYear ? {} : { year: 'numeric' }) }).format(d);
  return `${day} à ${f.h} h${f.mi ? ` ${pad(f.mi)}` : ''}`;
}

/** The sentence the back-office shows for a scheduled entry: « Publication programmée le 15 janvier à 9 h ». */
export const scheduledSentence = (d: Date, now = new Date()): string => `Publication programmée le ${frenchInstant(d, now)}`;
