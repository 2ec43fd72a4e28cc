/**
 * Content check for the legacy shortcodes: every malformed `{{< … >}}` in a Markdown field (the
 * body or a Markdown field of the front matter) is reported with its file and line. The page
 * still builds: the renderer shows the shortcode as plain text (lib/markdown/shortcodes.ts).
 */
import type { Field } from '../../content/model/fields.ts';
import { expandShortcodes } from '../markdown/shortcodes.ts';
import type { ContentIssue } from './issues.ts';

/** What this check needs of an entry (a subset of load.ts's Entry). */
export interface CheckedEntry {
  file: string;
  type: { fields: readonly Field[] };
  data: Record<string, unknown>;
  body: string;
  bodyLine: number;
}

type Path = (string | number)[];
const fmt = (path: Path) => path.reduce<string>((a, p) => (typeof p === 'number' ? `${a}[${p}]` : a ? `${a}.${p}` : p), '');

/** Every Markdown value of an entry with its field path (body first). */
function markdownValues(fields: readonly Field[], data: Record<string, unknown>, path: Path, out: { path: Path; text: string }[]) {
  for (const f of fields) {
    const v = data[f.name];
    if (f.kind === 'markdown' && f.name !== 'body' && typeof v === 'string') out.push({ path: [...path, f.name], text: v });
    if (f.kind === 'object' && v && typeof v === 'object') markdownValues(f.fields, v as Record<string, unknown>, [...path, f.name], out);
    if (f.kind === 'list' && Array.isArray(v)) v.forEach((item, i) => item && typeof item === 'object' && markdownValues(f.fields, item as Record<string, unknown>, [...path, f.name, i], out));
  }
}

/**
 * Shortcode problems of the given entries. `lineOf` gives the file line of a front-matter value
 * (only asked for when a front-matter field has a problem); `sourceOf` the file's text, to find
 * the exact line of a shortcode inside a multi-line YAML value.
 */
export function shortcodeIssues<E extends CheckedEntry>(entries: readonly E[], lineOf: (e: E, path: Path) => number | undefined, sourceOf: (e: E) => string): ContentIssue[] {
  const issues: ContentIssue[] = [];
  for (const e of entries) {
    for (const p of expandShortcodes(e.body).problems) {
      issues.push({ file: e.file, line: e.bodyLine + p.line - 1, field: 'body', message: p.message, severity: 'warning' });
    }
    const values: { path: Path; text: string }[] = [];
    markdownValues(e.type.fields, e.data, [], values);
    let lines: string[] | undefined; // the file's, split once per entry when needed
    for (const { path, text } of values) {
      const problems = expandShortcodes(text).problems;
      if (!problems.length) continue;
      const start = lineOf(e, path) ?? 1;
      lines ??= sourceOf(e).split('\n');
      const own = text.split('\n');
      for (const p of problems) {
        // The value starts on its key's line (plain scalar) or the next one (block scalar `|`).
        const wanted = own[p.line - 1]?.trim() ?? '';
        let line = start + p.line - 1;
        for (const candidate of [line, line + 1]) if (wanted && lines[candidate - 1]?.includes(wanted)) { line = candidate; break; }
        issues.push({ file: e.file, line, field: fmt(path), message: p.message, severity: 'warning' });
      }
    }
  }
  return issues;
}
