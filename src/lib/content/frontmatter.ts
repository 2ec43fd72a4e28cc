import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Document } from 'yaml';
import { fileSizeProblem, frontMatterProblem } from './limits.ts';
import { lineFinder } from './yaml-paths.ts';

export interface ParsedFile {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line of the first body line in the file. */
  bodyLine: number;
  /** 1-based line in the file of the value at `path`, when it exists in the front matter. */
  lineOf(path: readonly (string | number)[]): number | undefined;
  errors: { line: number; message: string }[];
  /** Keys given twice (the last one wins), with the line of the repeated key. */
  duplicateKeys: { key: string; line: number }[];
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n?^---[ \t]*(?:\r?\n|$)/m;

/** Splits a Markdown file into YAML front matter and body, keeping line numbers. */
export function parseMarkdownFile(source: string, { allowDuplicateKeys = false } = {}): ParsedFile {
  const text = source.replace(/^\uFEFF/, '');
  const match = text.startsWith('---') ? FENCE.exec(text) : null;
  if (!match || match.index !== 0) {
    return {
      data: {}, body: text, bodyLine: 1, lineOf: () => undefined, duplicateKeys: [],
      errors: text.startsWith('---') ? [{ line: 1, message: 'en-tête YAML non fermé (ligne « --- » manquante)' }] : [],
    };
  }
  const yamlText = match[1] ?? '';
  const bodyStart = match[0].length;
  const bodyLine = text.slice(0, bodyStart).split('\n').length;
  const body = text.slice(bodyStart);
  const firstBodyLine = text.slice(0, bodyStart).endsWith('\n') ? bodyLine : bodyLine + 1;
  // Too big to parse in reasonable time (limits.ts): refused before the YAML library sees it.
  const tooBig = frontMatterProblem(yamlText);
  if (tooBig) return { data: {}, body, bodyLine: firstBodyLine, lineOf: () => undefined, duplicateKeys: [], errors: [{ line: 1, message: tooBig }] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const offset = 1; // the opening fence
  const lineAt = (pos: number) => lineCounter.linePos(pos).line + offset;
  const errors = doc.errors.map((e) => ({ line: lineAt(e.pos[0]), message: translateYamlError(e.message) }));
  const duplicateKeys = findDuplicateKeys(doc, lineAt);
  if (!allowDuplicateKeys) {
    for (const d of duplicateKeys) errors.push({ line: d.line, message: `clé « ${d.key} » en double` });
  }
  let data: Record<string, unknown> = {};
  if (doc.errors.length === 0) {
    let js: unknown;
    try {
      js = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      // Excessive aliases (a "YAML bomb") and other conversion failures: reported, never thrown.
      errors.push({ line: offset + 1, message: `YAML invalide : ${e instanceof Error ? e.message : String(e)}` });
    }
    if (js !== null && js !== undefined) {
      if (typeof js === 'object' && !Array.isArray(js)) data = js as Record<string, unknown>;
      else errors.push({ line: offset + 1, message: 'l’en-tête YAML doit être une liste de clés (clé: valeur)' });
    }
  }
  // One index of the document's paths, built as questions come: O(depth) a question (yaml-paths.ts).
  return { data, body, bodyLine: firstBodyLine, errors, duplicateKeys, lineOf: lineFinder(doc, lineAt) };
}

/**
 * Why a Markdown file is refused before it is even parsed (limits.ts: the file's or the front
 * matter's size), or undefined. The back-office's guard asks it before a save.
 */
export function fileProblem(source: string): string | undefined {
  const size = fileSizeProblem(Buffer.byteLength(source, 'utf8'));
  if (size) return size;
  const yaml = frontMatterText(source);
  return yaml === undefined ? undefined : frontMatterProblem(yaml);
}

/** The YAML text between a file's `---` lines, when it has a closed front matter. */
export function frontMatterText(source: string): string | undefined {
  const text = source.replace(/^\uFEFF/, '');
  const match = text.startsWith('---') ? FENCE.exec(text) : null;
  return match && match.index === 0 ? match[1] ?? '' : undefined;
}

function findDuplicateKeys(doc: Document, lineAt: (p: number) => number): { key: string; line: number }[] {
  const out: { key: string; line: number }[] = [];
  const visit = (node: unknown, prefix: string) => {
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const name = prefix ? `${prefix}.${k}` : k;
        if (seen.has(k)) out.push({ key: name, line: isScalar(pair.key) && pair.key.range ? lineAt(pair.key.range[0]) : 0 });
        seen.add(k);
        visit(pair.value, name);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, `${prefix}[${i}]`));
    }
  };
  visit(doc.contents, '');
  return out;
}

function translateYamlError(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return `YAML invalide : ${first.replace(/ at line \d+, column \d+.*$/, '')}`;
}
