/**
 * Size limits of one content file, in one place: the content checks (`npm run check`, the
 * publication's check: load.ts, frontmatter.ts) and the back-office's guard before a save
 * (backoffice/guard/guard.ts) call the same functions.
 *
 * Chosen far above any real entry: on the previous site's corpus (579 Markdown files), the
 * largest file is 19.4 Ko, the largest front matter 13.5 Ko and the most keys and list items in
 * one front matter 73 (both the administrations' FAQ; the demo: 3.5 Ko, 55), as
 * `npx tsx scripts/bench/content-limits.ts` prints them. 200 Ko is 15 times the largest front
 * matter, 2,000 entries 27 times the most. The YAML library's parse costs ≈30 µs a key on a
 * loaded 2-core machine (40,000 keys: 2 s, before any check): the limits are applied before it,
 * and a file at the limits is checked in about 0.2 s (same benchmark).
 */
import { CST, Lexer } from 'yaml';
import type { ContentIssue } from './issues.ts';

/** A whole Markdown file (front matter and body). */
export const FILE_MAX_BYTES = 2 * 1024 * 1024;
/** The YAML between the `---` lines. */
export const FRONT_MATTER_MAX_BYTES = 200 * 1024;
/** Keys and list items of the front matter, at every depth. */
export const FRONT_MATTER_MAX_ENTRIES = 2_000;
/** Problems listed per file; the others are counted in one last line. */
export const ISSUES_PER_FILE = 50;

const ko = (bytes: number) => `${Math.ceil(bytes / 1024).toLocaleString('fr-FR')} Ko`;
const count = (n: number) => n.toLocaleString('fr-FR');

export function fileSizeProblem(bytes: number): string | undefined {
  if (bytes <= FILE_MAX_BYTES) return undefined;
  return `fichier trop volumineux (${(bytes / 1048576).toFixed(1)} Mo, maximum 2 Mo) : non publié`;
}

/**
 * Keys and list items of a YAML text, counted on yaml's token stream (its Lexer, ≈5 times
 * faster than a parse), up to `stopAbove` + 1 at most: a key or list item of a block is one `:`,
 * `-` or `?` indicator, one of a flow collection (`{a, b}`, `[a, b]`) its opening bracket or a
 * comma. Text inside values never counts.
 */
export function countEntries(yaml: string, stopAbove = Infinity): number {
  let entries = 0;
  let flow = 0;
  let scalarNext = false;
  for (const token of new Lexer().lex(yaml)) {
    // A scalar's text comes right after the SCALAR mark: a value `-` or `:` is no indicator.
    if (scalarNext) { scalarNext = false; continue; }
    const type = CST.tokenType(token);
    if (type === 'scalar') scalarNext = true;
    else if (type === 'flow-map-start' || type === 'flow-seq-start') { flow++; entries++; }
    else if (type === 'flow-map-end' || type === 'flow-seq-end') flow = Math.max(0, flow - 1);
    else if (flow > 0 ? type === 'comma' : type === 'map-value-ind' || type === 'seq-item-ind' || type === 'explicit-key-ind') entries++;
    if (entries > stopAbove) break;
  }
  return entries;
}

/** Why a front matter (the YAML text between the fences) is refused, or undefined. */
export function frontMatterProblem(yaml: string): string | undefined {
  const bytes = Buffer.byteLength(yaml, 'utf8');
  if (bytes > FRONT_MATTER_MAX_BYTES) return `en-tête YAML (front matter) trop grand : ${ko(bytes)} (${ko(FRONT_MATTER_MAX_BYTES)} au plus)`;
  if (countEntries(yaml, FRONT_MATTER_MAX_ENTRIES) > FRONT_MATTER_MAX_ENTRIES) {
    return `en-tête YAML (front matter) trop complexe : plus de ${count(FRONT_MATTER_MAX_ENTRIES)} clés et éléments de liste (${count(FRONT_MATTER_MAX_ENTRIES)} au plus)`;
  }
  return undefined;
}

/**
 * At most {@link ISSUES_PER_FILE} problems per file, errors kept first, in their order; the
 * rest is one last problem of the file saying how many (an error when one of them is), so the
 * output stays short and a hidden error still stops the publication.
 */
export function capIssuesPerFile(issues: readonly ContentIssue[]): ContentIssue[] {
  const byFile = new Map<string, ContentIssue[]>();
  for (const i of issues) {
    let list = byFile.get(i.file);
    if (!list) byFile.set(i.file, (list = []));
    list.push(i);
  }
  if ([...byFile.values()].every((l) => l.length <= ISSUES_PER_FILE)) return [...issues];
  const kept = new Set<ContentIssue>();
  /** Per capped file, its last kept problem and the line that follows it. */
  const after = new Map<ContentIssue, ContentIssue>();
  for (const [file, list] of byFile) {
    if (list.length <= ISSUES_PER_FILE) { for (const i of list) kept.add(i); continue; }
    const chosen = new Set([...list.filter((i) => i.severity === 'error'), ...list.filter((i) => i.severity !== 'error')].slice(0, ISSUES_PER_FILE));
    for (const i of chosen) kept.add(i);
    const left = list.filter((i) => !chosen.has(i));
    const errors = left.filter((i) => i.severity === 'error').length;
    after.set(list.filter((i) => chosen.has(i)).at(-1)!, {
      file,
      message: `et ${count(left.length)} autres problèmes dans ce fichier (${count(errors)} erreur(s), ${count(left.length - errors)} avertissement(s)) : corrigez les premiers puis vérifiez de nouveau`,
      severity: errors ? 'error' : 'warning',
    });
  }
  const out: ContentIssue[] = [];
  for (const i of issues) {
    if (!kept.has(i)) continue;
    out.push(i);
    const more = after.get(i);
    if (more) out.push(more);
  }
  return out;
}
