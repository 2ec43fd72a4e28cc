/** Dates as French readers expect them, through Intl (never a hand-made month table). */
const LONG = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "3 novembre 2025". Content dates are calendar days, stored at midnight UTC. */
export const formatDate = (d: Date): string => LONG.format(d);

/** The `datetime` attribute of a <time>: "2025-11-03". */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
