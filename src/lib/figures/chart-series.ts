/**
 * The series drawn on /chiffres/, computed from the content: défis per promotion and per theme,
 * talents per expertise and per promotion, administrations over time (by promotion).
 * Pure functions of the loaded entries, like metrics.ts.
 */
import { isVisible, normalizeAdministration, type MetricEntry } from './metrics.ts';
import { outcomesPerPromo } from './outcomes.ts';

export interface Point { label: string; value: number }

const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });
const of = (entries: readonly MetricEntry[], collection: string) => entries.filter((e) => e.collection === collection);
const titleOf = (e: MetricEntry) => String(e.data['title'] ?? e.id);
const slugs = (e: MetricEntry, field: string) => (Array.isArray(e.data[field]) ? (e.data[field] as string[]) : []);

/** Terms of a collection in reading order (numeric aware: « Promotion 2 » before « Promotion 10 »). */
export function orderedTerms(entries: readonly MetricEntry[], collection: string): MetricEntry[] {
  return of(entries, collection).sort((a, b) => collator.compare(titleOf(a), titleOf(b)));
}

/** How many `items` point to each term of `collection` through `field`, in term order. */
function countBy(entries: readonly MetricEntry[], items: readonly MetricEntry[], field: string, collection: string, { sortByValue = false } = {}): Point[] {
  const points = orderedTerms(entries, collection).map((t) => ({ label: titleOf(t), value: items.filter((i) => slugs(i, field).includes(t.id)).length }));
  return sortByValue ? points.sort((a, b) => b.value - a.value || collator.compare(a.label, b.label)) : points;
}

const visibleDefis = (entries: readonly MetricEntry[]) => of(entries, 'defis').filter(isVisible);
const talents = (entries: readonly MetricEntry[]) => of(entries, 'personnes').filter((p) => p.data['role'] === 'participant');

export const defisPerPromo = (entries: readonly MetricEntry[]) => countBy(entries, visibleDefis(entries), 'promos', 'promos');
export const defisPerTheme = (entries: readonly MetricEntry[]) => countBy(entries, visibleDefis(entries), 'themes', 'themes', { sortByValue: true });
export const talentsPerExpertise = (entries: readonly MetricEntry[]) => countBy(entries, talents(entries), 'expertises', 'expertises', { sortByValue: true });
export const talentsPerPromo = (entries: readonly MetricEntry[]) => countBy(entries, talents(entries), 'promos', 'promos');

export interface AdministrationsStep { label: string; new: number; total: number }

/**
 * Administrations over time: for each promotion in order, the administrations whose first défi
 * belongs to it (`new`) and the running count of distinct administrations (`total`).
 */
export function administrationsOverTime(entries: readonly MetricEntry[]): AdministrationsStep[] {
  const seen = new Set<string>();
  const defis = visibleDefis(entries);
  return orderedTerms(entries, 'promos').map((promo) => {
    let added = 0;
    for (const d of defis) {
      const who = d.data['who'];
      if (!slugs(d, 'promos').includes(promo.id) || typeof who !== 'string' || !who.trim()) continue;
      const key = normalizeAdministration(who);
      if (!seen.has(key)) { seen.add(key); added++; }
    }
    return { label: titleOf(promo), new: added, total: seen.size };
  });
}

/** Outcome statuses of the visible défis of each promotion, promotions in order (lib/figures/outcomes.ts). */
export const outcomesByPromo = (entries: readonly MetricEntry[]) =>
  outcomesPerPromo(entries, orderedTerms(entries, 'promos').map((t) => ({ id: t.id, label: titleOf(t) })));
