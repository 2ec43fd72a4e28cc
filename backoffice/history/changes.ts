/**
 * What changed between two versions of an entry, by the fields of the content model: each
 * changed field with its label (« Titre », « Devenir du défi »), its value before and after as
 * text, and the body compared line by line, then word by word inside changed lines (jsdiff:
 * `diff` on npm). Pure: versions come as the file's text (or undefined: the entry did not exist).
 */
import { diffLines, diffWordsWithSpace } from 'diff';
import { stringify } from 'yaml';
import { parseMarkdownFile } from '../../src/lib/content/frontmatter.ts';
import type { Field } from '../../src/content/model/index.ts';

/** One changed field. `before`/`after` undefined: absent from that version. */
export interface FieldChange { key: string; label: string; before?: string | undefined; after?: string | undefined }

/** A piece of a comparison: the same in both, only in the old version, only in the new one. */
export interface Piece { kind: 'same' | 'removed' | 'added'; text: string }

export interface ParsedVersion { data: Record<string, unknown>; body: string }

export const parseVersion = (raw: string | undefined): ParsedVersion | undefined => {
  if (raw === undefined) return undefined;
  const p = parseMarkdownFile(raw, { allowDuplicateKeys: true });
  return { data: p.data, body: p.body };
};

/** A value as an editor reads it: text as is, lists one item a line, anything else as YAML. */
export function valueText(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return typeof v === 'boolean' ? (v ? 'oui' : 'non') : String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.join('\n');
  return stringify(v, { lineWidth: 0 }).trimEnd();
}

const BODY = 'body';

/**
 * The fields that differ between two versions, in the model's order, then keys the model does
 * not know (by their key). The body is the field named `body` (the Markdown after the front matter).
 */
export function fieldChanges(fields: readonly Field[], before: ParsedVersion | undefined, after: ParsedVersion | undefined): FieldChange[] {
  const out: FieldChange[] = [];
  const text = (v: ParsedVersion | undefined, key: string) => (key === BODY ? (v?.body.trim() ? v.body : undefined) : valueText(v?.data[key]));
  const known = new Set<string>();
  const look = (key: string, label: string) => {
    known.add(key);
    const b = text(before, key);
    const a = text(after, key);
    if (b !== a) out.push({ key, label, before: b, after: a });
  };
  for (const f of fields) look(f.name, f.label);
  if (!known.has(BODY)) look(BODY, 'Texte');
  const others = new Set([...Object.keys(before?.data ?? {}), ...Object.keys(after?.data ?? {})]);
  for (const k of others) if (!known.has(k)) look(k, k);
  return out;
}

/** Below this share of words in common, a passage reads better removed whole, then added whole. */
const COMMON_SHARE = 0.4;

/**
 * Word by word (spaces kept), for a short value or one changed passage; a passage rewritten
 * almost entirely is the old text struck out whole, then the new one.
 */
export function wordPieces(before: string, after: string): Piece[] {
  const pieces: Piece[] = diffWordsWithSpace(before, after).map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));
  const same = pieces.filter((p) => p.kind === 'same' && p.text.trim()).reduce((n, p) => n + p.text.length, 0);
  if (same >= COMMON_SHARE * Math.max(before.length, after.length)) return pieces;
  return [...(before ? [{ kind: 'removed' as const, text: before }] : []), ...(after ? [{ kind: 'added' as const, text: after }] : [])];
}

/** A block of a long text's comparison: unchanged lines (maybe folded), or one changed passage. */
export type Block = { kind: 'same'; text: string; folded: number } | { kind: 'changed'; pieces: Piece[] };

/**
 * A long text (the body) compared line by line: unchanged runs keep `context` lines on each side
 * of a change and fold the rest (their count in `folded`); a changed passage (lines removed and
 * lines added next to each other) is compared word by word.
 */
export function textBlocks(before: string, after: string, context = 2): Block[] {
  const changes = diffLines(before, after);
  const blocks: Block[] = [];
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    if (!c.added && !c.removed) {
      const lines = c.value.split('\n');
      if (lines.at(-1) === '') lines.pop();
      const first = i === 0;
      const last = i === changes.length - 1;
      const head = first ? 0 : context;
      const tail = last ? 0 : context;
      if (lines.length > head + tail + 1) {
        const keep = (ls: string[]) => ls.map((l) => `${l}\n`).join('');
        if (head) blocks.push({ kind: 'same', text: keep(lines.slice(0, head)), folded: 0 });
        blocks.push({ kind: 'same', text: tail ? keep(lines.slice(-tail)) : '', folded: lines.length - head - tail });
      } else {
        blocks.push({ kind: 'same', text: c.value, folded: 0 });
      }
      continue;
    }
    // A removal followed by an addition is one changed passage, compared word by word.
    const next = changes[i + 1];
    if (c.removed && next?.added) {
      blocks.push({ kind: 'changed', pieces: wordPieces(c.value, next.value) });
      i++;
    } else {
      blocks.push({ kind: 'changed', pieces: [{ kind: c.added ? 'added' : 'removed', text: c.value }] });
    }
  }
  return blocks;
}
