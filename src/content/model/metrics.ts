/**
 * The key figures an editor can ask for with `auto:<name>` (a key number of the programme page,
 * a `chiffre` shortcode). Declared here, in the model, because the model's help texts list them;
 * `src/lib/figures/metrics.ts` computes each of them (its tables are checked against these names).
 */

/** Metrics that are a count of entries, printed as a number. */
export const countMetricNames = ['talents', 'agents', 'defis', 'administrations', 'promotions', 'articles', 'thematiques', 'expertises'] as const;
/** Metrics that are a share, printed as text (« 82 % ») or as a sentence when too few values are known. */
export const shareMetricNames = ['defis-perennises'] as const;

export type CountMetricName = (typeof countMetricNames)[number];
export type ShareMetricName = (typeof shareMetricNames)[number];
export type MetricName = CountMetricName | ShareMetricName;

/** Every metric an editor can ask for with `auto:<name>`, counts first. */
export const metricNames: readonly MetricName[] = [...countMetricNames, ...shareMetricNames];
