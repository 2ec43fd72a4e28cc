/**
 * The site's computed figures (lib/figures/metrics.ts: `auto:<metric>` key numbers, the
 * `{{< chiffre … >}}` shortcode) as derived facts (reads.ts `D metric <name>`): a page printing
 * « 142 talents » depends on that figure's text, not on the whole content set (it was rendered
 * again on every change). Computed once per version of the content, unrecorded.
 */
import { AUTO_PREFIX, keyNumber, metricNames, metricText, type MetricName } from '../figures/metrics.ts';
import { contentKey, loadedContentSet } from './repository.ts';
import { recordRead } from './reads.ts';

export const metricKey = (name: string) => `D metric ${name}`;

let cached: { key: string; texts: Map<MetricName, { text: string; complete: boolean }> } | undefined;

function texts(): Map<MetricName, { text: string; complete: boolean }> {
  const key = contentKey();
  if (cached?.key === key) return cached.texts;
  const { entries } = loadedContentSet();
  cached = { key, texts: new Map(metricNames.map((m) => [m, metricText(m, entries)])) };
  return cached.texts;
}

/** The figures of `{{< chiffre <metric> >}}` (lib/markdown/shortcodes.ts), each read recorded. */
export function trackedMetric(name: string): string | undefined {
  recordRead(metricKey(name));
  return texts().get(name as MetricName)?.text;
}

/** A key number (`auto:<metric>` computed, anything else as typed), its figure's read recorded. */
export function trackedKeyNumber(num: string): { text: string; complete: boolean } {
  const v = num.trim();
  if (!v.startsWith(AUTO_PREFIX)) return { text: num, complete: true };
  const name = v.slice(AUTO_PREFIX.length).trim();
  const known = texts().get(name as MetricName);
  // An unknown name: metrics.ts throws its message (content/auto-number-check.ts reports it first).
  if (!known) return keyNumber(num, []);
  recordRead(metricKey(name));
  return known;
}

/** Every figure's fingerprint (its text), by key, for query.ts `contentFingerprints`. */
export function metricPrints(): [string, string][] {
  return [...texts()].map(([m, t]) => [metricKey(m), `${t.complete ? 1 : 0}${t.text}`]);
}
