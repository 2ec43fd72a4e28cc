/**
 * What became of the défis (the `outcome` of content/model/defis.ts): each défi's status, the
 * share of défis that lived on, and outcomes per promotion. Pure functions of the loaded
 * entries, like metrics.ts and chart-series.ts.
 *
 * Definition of the share (stated on /chiffres/): among the visible défis whose outcome is
 * KNOWN — « pérennisé », « repris par une autre équipe » or « arrêté » — the percentage that are
 * « pérennisé » or « repris ». Défis « en cours » (no outcome yet) and « non renseigné » (no one
 * told us) are left out of both terms and counted apart, so the figure is never over-stated.
 * Below {@link MIN_KNOWN_OUTCOMES} known outcomes no percentage is given, only a sentence.
 */
import { OUTCOME_UNKNOWN, outcomeStatuses, type OutcomeStatus } from '../../content/model/defis.ts';
import type { DefiData } from '../../content/model/index.ts';

export { OUTCOME_UNKNOWN, outcomeStatuses, type OutcomeStatus };

/** The part of a loaded entry read here (same shape as metrics.ts `MetricEntry`). */
interface OutcomeEntry { collection: string; id: string; data: Record<string, unknown> }

/** Fewest known outcomes for which the share is given as a percentage. */
export const MIN_KNOWN_OUTCOMES = 10;

/** Statuses that are a known outcome (the share's denominator). */
export const KNOWN_STATUSES: readonly OutcomeStatus[] = ['perennise', 'repris', 'arrete'];
/** Known outcomes where the défi lived on (the share's numerator). */
export const LIVED_ON_STATUSES: readonly OutcomeStatus[] = ['perennise', 'repris'];

/**
 * How each status is shown: label (from the model) and DSFR badge variant. Colour is never the
 * only cue: the badge always carries its text.
 */
const BADGE: Record<OutcomeStatus, string> = {
  'en-cours': 'fr-badge--new',
  perennise: 'fr-badge--success',
  repris: 'fr-badge--info',
  arrete: 'fr-badge--error',
  'non-renseigne': '',
};
export const statusLabel = (s: OutcomeStatus): string => outcomeStatuses.find((o) => o.value === s)?.label ?? s;
/** The DSFR badge modifier of a status (`fr-badge--success`…; '' for the plain grey badge). */
export const statusBadgeVariant = (s: OutcomeStatus): string => BADGE[s];
export const statusBadgeClass = (s: OutcomeStatus): string => ['fr-badge', BADGE[s]].filter(Boolean).join(' ');

/** A défi's outcome (model/defis.ts `outcome`). */
export type Outcome = DefiData['outcome'];

const isStatus = (v: unknown): v is OutcomeStatus => outcomeStatuses.some((o) => o.value === v);
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** A défi's outcome as validated data gives it; an absent outcome is « non renseigné ». */
export function outcomeOf(data: { outcome?: unknown }): Outcome {
  const o = data.outcome && typeof data.outcome === 'object' ? (data.outcome as Record<string, unknown>) : {};
  const since = o['since'] instanceof Date && !Number.isNaN(o['since'].getTime()) ? o['since'] : undefined;
  return { status: isStatus(o['status']) ? o['status'] : OUTCOME_UNKNOWN, since, product: str(o['product']), code: str(o['code']), note: str(o['note']) };
}

const visibleDefis = (entries: readonly OutcomeEntry[]) => entries.filter((e) => e.collection === 'defis' && e.data['visible'] !== false);

export interface OutcomeShare {
  /** Visible défis counted. */
  total: number;
  /** Défis per status. */
  byStatus: Record<OutcomeStatus, number>;
  /** Known outcomes (pérennisé + repris + arrêté). */
  known: number;
  /** Pérennisé + repris. */
  livedOn: number;
  /** livedOn / known in %, rounded to the unit; undefined when nothing is known. */
  percent: number | undefined;
  /** Whether `known` reaches {@link MIN_KNOWN_OUTCOMES}: only then is the percentage shown. */
  enough: boolean;
}

export function outcomeShare(entries: readonly OutcomeEntry[]): OutcomeShare {
  const byStatus = Object.fromEntries(outcomeStatuses.map((o) => [o.value, 0])) as Record<OutcomeStatus, number>;
  const defis = visibleDefis(entries);
  for (const d of defis) byStatus[outcomeOf(d.data).status]++;
  const known = KNOWN_STATUSES.reduce((n, s) => n + byStatus[s], 0);
  const livedOn = LIVED_ON_STATUSES.reduce((n, s) => n + byStatus[s], 0);
  return { total: defis.length, byStatus, known, livedOn, percent: known ? Math.round((livedOn / known) * 100) : undefined, enough: known >= MIN_KNOWN_OUTCOMES };
}

const frNumber = new Intl.NumberFormat('fr-FR');

/**
 * The share as text: « 82 % », or, below the minimum, the sentence that replaces it. This is
 * what `auto:defis-perennises` and the `{{< chiffre defis-perennises >}}` shortcode print.
 */
export function outcomeShareText(s: OutcomeShare): string {
  if (s.enough && s.percent !== undefined) return `${frNumber.format(s.percent)} %`;
  return `Données incomplètes : le devenir n’est connu que pour ${frNumber.format(s.known)} défi${s.known > 1 ? 's' : ''} (il en faut au moins ${MIN_KNOWN_OUTCOMES} pour donner une part)`;
}

export interface PromoOutcomes { label: string; counts: Record<OutcomeStatus, number>; total: number }

/** For each promotion (in reading order), how many of its visible défis have each status. */
export function outcomesPerPromo(entries: readonly OutcomeEntry[], promos: readonly { id: string; label: string }[]): PromoOutcomes[] {
  const defis = visibleDefis(entries);
  return promos.map((p) => {
    const counts = Object.fromEntries(outcomeStatuses.map((o) => [o.value, 0])) as Record<OutcomeStatus, number>;
    let total = 0;
    for (const d of defis) {
      const ps = d.data['promos'];
      if (!Array.isArray(ps) || !ps.includes(p.id)) continue;
      counts[outcomeOf(d.data).status]++;
      total++;
    }
    return { label: p.label, counts, total };
  });
}
