import { AUTO_PREFIX, isMetricName, unknownMetric, type MetricEntry } from '../figures/metrics.ts';
import type { ContentIssue } from './issues.ts';

/**
 * Content issues for `auto:` key numbers naming no metric, one per number, with its field path
 * (`numbers[1].num`). `lineOf` gives the line of a path in the entry's file, when known.
 */
export function autoNumberIssues(entries: readonly MetricEntry[], lineOf?: (e: MetricEntry, path: (string | number)[]) => number | undefined): ContentIssue[] {
  const issues: ContentIssue[] = [];
  for (const e of entries) {
    if (e.collection !== 'pages') continue;
    const numbers = e.data['numbers'];
    if (!Array.isArray(numbers)) continue;
    numbers.forEach((n: unknown, i) => {
      const num = n && typeof n === 'object' ? (n as Record<string, unknown>)['num'] : undefined;
      if (typeof num !== 'string' || !num.trim().startsWith(AUTO_PREFIX)) return;
      const name = num.trim().slice(AUTO_PREFIX.length).trim();
      if (isMetricName(name)) return;
      issues.push({ file: e.file ?? e.id, line: lineOf?.(e, ['numbers', i, 'num']), field: `numbers[${i}].num`, message: unknownMetric(name), severity: 'error' });
    });
  }
  return issues;
}
