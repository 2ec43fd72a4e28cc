/**
 * Key figures computed from the content, so the programme page never shows a stale number.
 * A key number written `auto:<metric>` in program.md is replaced at build by the metric below;
 * a typed number is shown as typed. Pure functions of the loaded entries (see content/load.ts).
 */
import { MIN_KNOWN_OUTCOMES, outcomeShare, outcomeShareText } from './outcomes.ts';
import { countMetricNames, metricNames, type CountMetricName, type MetricName, type ShareMetricName } from '../../content/model/metrics.ts';

export { metricNames, type CountMetricName, type MetricName, type ShareMetricName };

/** The part of a loaded entry the metrics read (content/load.ts `Entry`). */
export interface MetricEntry {
  collection: string;
  id: string;
  file?: string;
  data: Record<string, unknown>;
}

/** Prefix that asks for a computed key number. */
export const AUTO_PREFIX = 'auto:';

/** Whether an entry is shown in the site's lists (`visible: false` hides it). */
export const isVisible = (e: MetricEntry) => e.data['visible'] !== false;

const of = (entries: readonly MetricEntry[], collection: string) => entries.filter((e) => e.collection === collection);
const people = (entries: readonly MetricEntry[], role: string) => of(entries, 'personnes').filter((e) => e.data['role'] === role);

/**
 * An administration's name as a comparison key: accents, case, apostrophe style and spacing
 * do not make two administrations ("Ministère de l’Intérieur" = "ministere de l'interieur ").
 */
export function normalizeAdministration(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleLowerCase('fr');
}

/** Distinct administrations (`who` of visible défis, normalised), with the first spelling met. */
export function administrations(entries: readonly MetricEntry[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of of(entries, 'defis').filter(isVisible)) {
    const who = d.data['who'];
    if (typeof who !== 'string' || !who.trim()) continue;
    const key = normalizeAdministration(who);
    if (!out.has(key)) out.set(key, who.trim());
  }
  return out;
}

/** Every metric an editor can ask for, with the French wording shown in the back-office. */
export const METRICS = {
  talents: { label: 'Talents (personnes au rôle « Talent »)', compute: (e: readonly MetricEntry[]) => people(e, 'participant').length },
  agents: { label: 'Agents publics (personnes au rôle « Agent public »)', compute: (e: readonly MetricEntry[]) => people(e, 'agent-public').length },
  defis: { label: 'Défis visibles', compute: (e: readonly MetricEntry[]) => of(e, 'defis').filter(isVisible).length },
  administrations: { label: 'Administrations distinctes porteuses de défis', compute: (e: readonly MetricEntry[]) => administrations(e).size },
  promotions: { label: 'Promotions', compute: (e: readonly MetricEntry[]) => of(e, 'promos').length },
  articles: { label: 'Articles visibles', compute: (e: readonly MetricEntry[]) => of(e, 'articles').filter(isVisible).length },
  thematiques: { label: 'Thématiques', compute: (e: readonly MetricEntry[]) => of(e, 'themes').length },
  expertises: { label: 'Expertises', compute: (e: readonly MetricEntry[]) => of(e, 'expertises').length },
} as const satisfies Record<CountMetricName, { label: string; compute: (e: readonly MetricEntry[]) => number }>;

/**
 * Metrics that are a share, not a count: printed as text (« 82 % »), or as a sentence saying the
 * data is incomplete when too few values are known (`complete: false`).
 */
export const SHARE_METRICS = {
  'defis-perennises': {
    label: `Part des défis pérennisés ou repris parmi ceux dont le devenir est connu (une phrase la remplace sous ${MIN_KNOWN_OUTCOMES} devenirs connus)`,
    compute: (e: readonly MetricEntry[]) => { const s = outcomeShare(e); return { text: outcomeShareText(s), complete: s.enough }; },
  },
} as const satisfies Record<ShareMetricName, { label: string; compute: (e: readonly MetricEntry[]) => { text: string; complete: boolean } }>;


export const isMetricName = (s: string): s is MetricName => Object.hasOwn(METRICS, s) || Object.hasOwn(SHARE_METRICS, s);
const isShare = (s: MetricName): s is ShareMetricName => Object.hasOwn(SHARE_METRICS, s);

/** Every count metric on a content set. */
export function computeMetrics(entries: readonly MetricEntry[]): Record<CountMetricName, number> {
  return Object.fromEntries(countMetricNames.map((m) => [m, METRICS[m].compute(entries)])) as Record<CountMetricName, number>;
}

const frNumber = new Intl.NumberFormat('fr-FR');

/** A metric as text, and whether it is a figure (`complete`) or the sentence that replaces it. */
export function metricText(name: MetricName, entries: readonly MetricEntry[]): { text: string; complete: boolean } {
  if (isShare(name)) return SHARE_METRICS[name].compute(entries);
  return { text: frNumber.format(METRICS[name].compute(entries)), complete: true };
}

/** A key number: `auto:<metric>` computed, anything else as typed (`complete: true`). */
export function keyNumber(num: string, entries: readonly MetricEntry[]): { text: string; complete: boolean } {
  const v = num.trim();
  if (!v.startsWith(AUTO_PREFIX)) return { text: num, complete: true };
  const name = v.slice(AUTO_PREFIX.length).trim();
  if (!isMetricName(name)) throw new Error(unknownMetric(name));
  return metricText(name, entries);
}

/**
 * The text of a key number: `auto:<metric>` computed (French digit grouping), anything else as
 * typed. Throws on an unknown metric; content/auto-number-check.ts reports it earlier with its line.
 */
export function resolveKeyNumber(num: string, entries: readonly MetricEntry[]): string {
  return keyNumber(num, entries).text;
}

/** The French message for an `auto:` name that is no metric (its list of possible names). */
export const unknownMetric = (name: string) => `chiffre automatique inconnu « ${AUTO_PREFIX}${name} » (possibles : ${metricNames.map((m) => AUTO_PREFIX + m).join(', ')})`;

/** The figures of `{{< chiffre <metric> >}}` in Markdown (lib/markdown/shortcodes.ts), on a content set. */
export function metricResolver(entries: readonly MetricEntry[]): (name: string) => string | undefined {
  const cache = new Map<MetricName, string>();
  return (name) => {
    if (!isMetricName(name)) return undefined;
    if (!cache.has(name)) cache.set(name, metricText(name, entries).text);
    return cache.get(name);
  };
}
