/**
 * The site's clock: what « now » is for the content (an entry whose `publishAt` has not come is
 * left out, load.ts) and for the back-office's scheduler (backoffice/schedule/). Real time, moved
 * by `EIG_CLOCK_OFFSET_MS` (milliseconds, read once when this module loads: a process started
 * « in the future » for a test or a rehearsal; never from a request), and, for the duration of a
 * render, the instant the publication loop gives ({@link withSiteClock}). Kept on `globalThis`:
 * the pages' server bundle and the server hold two copies of this module in one process.
 */
const CLOCK = Symbol.for('eig.site.clock');
type WithClock = typeof globalThis & { [CLOCK]?: (() => Date) | undefined };

const OFFSET_MS = Number(process.env['EIG_CLOCK_OFFSET_MS'] ?? 0) || 0;

/** Real time plus the start-up offset: the default clock of every part. */
export const offsetNow = (): Date => new Date(Date.now() + OFFSET_MS);

/** « Now » for the content: the clock of the render in progress, else {@link offsetNow}. */
export function siteNow(): Date {
  return (globalThis as WithClock)[CLOCK]?.() ?? offsetNow();
}

/** Runs `work` (a render) with `now` as the site's clock, then puts the previous clock back. */
export async function withSiteClock<T>(now: Date | undefined, work: () => Promise<T>): Promise<T> {
  if (!now) return work();
  const g = globalThis as WithClock;
  const before = g[CLOCK];
  g[CLOCK] = () => now;
  try { return await work(); } finally { g[CLOCK] = before; }
}
