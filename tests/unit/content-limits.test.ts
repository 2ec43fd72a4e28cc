/**
 * Content checks that stay linear and bounded whatever one file holds (issue #17): a front
 * matter beyond the limits of src/lib/content/limits.ts is refused before it is parsed, with a
 * French message naming the file (as `npm run check` prints it); a file with thousands of
 * problems lists 50 and counts the rest; the line of a value found through the path index of
 * yaml-paths.ts is the one the old lookup (`Document.getIn`, then the parent) gave, on every
 * path of every demo and corpus file. Speed is measured by scripts/bench/content-limits.ts.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, LineCounter, type Document, type Node } from 'yaml';
import { folderType } from '../../src/content/model/index.ts';
import { parseMarkdownFile } from '../../src/lib/content/frontmatter.ts';
import { formatIssue } from '../../src/lib/content/issues.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { markdownFile, sampleData, tempTree } from '../helpers/content-tree.ts';

const defis = folderType('defis');
const validDefi = () => ({ ...sampleData(defis.fields), themes: ['sante'], promos: ['promotion-1'], expertises: ['design'] });
function tree() {
  const t = tempTree();
  t.write('themes/sante.md', markdownFile({ title: 'Santé' }, ''));
  t.write('promos/promotion-1.md', markdownFile({ title: 'Promotion 1' }, ''));
  t.write('expertises/design.md', markdownFile({ title: 'Design' }, ''));
  return t;
}
/** A valid défi with `n` more keys (unknown to the model: one warning each). */
const defiWithKeys = (n: number, value = (i: number) => `valeur ${i}`) =>
  markdownFile(validDefi()).replace(/^---\n/, `---\n${Array.from({ length: n }, (_, i) => `cle${i}: ${value(i)}`).join('\n')}\n`);
const issuesOf = (file: string, t: ReturnType<typeof tempTree>) => loadContent(t.contentDir, t.mediaDir).issues.filter((i) => i.file === file);

describe('content limits', () => {
  it('refuses a 40,000-key front matter of 390 Ko before parsing it, naming the file and the limit', () => {
    const t = tree();
    t.write('defis/enorme.md', defiWithKeys(40_000, () => 'v'));
    const issues = issuesOf('defis/enorme.md', t);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 1, severity: 'error' });
    expect(formatIssue(issues[0]!)).toMatch(/^defis\/enorme\.md:1: -: erreur : en-tête YAML \(front matter\) trop grand : 4\d\d Ko \(200 Ko au plus\)$/);
  });

  it('refuses 40,000 keys written short (under 200 Ko) for their number', () => {
    const t = tree();
    const short = `---\ntitle: Court\n${Array.from({ length: 40_000 }, (_, i) => `${i.toString(36)}:`).join('\n')}\n---\n`;
    expect(Buffer.byteLength(short)).toBeLessThan(200 * 1024);
    t.write('defis/court.md', short);
    expect(issuesOf('defis/court.md', t)).toEqual([expect.objectContaining({
      line: 1, severity: 'error', message: 'en-tête YAML (front matter) trop complexe : plus de 2\u202f000 clés et éléments de liste (2\u202f000 au plus)',
    })]);
    // A flow collection counts its items too: `{a, b, …}` on one line.
    expect(parseMarkdownFile(`---\nx: {${Array.from({ length: 40_000 }, (_, i) => i.toString(36)).join(', ')}}\n---\n`).errors[0]?.message).toMatch(/trop complexe/);
  });

  it('lists 50 problems of a file, then how many more; a hidden error still counts as one', () => {
    const t = tree();
    // 1,500 unknown keys (warnings) before an invalid date (an error): within the limits.
    t.write('defis/bavard.md', defiWithKeys(1_500).replace(/^date: .*$/m, 'date: pas une date'));
    const issues = issuesOf('defis/bavard.md', t);
    expect(issues).toHaveLength(51);
    expect(issues.filter((i) => i.severity === 'error' && i.field === 'date')).toHaveLength(1);
    expect(issues.at(-1)).toMatchObject({ severity: 'warning', message: expect.stringMatching(/^et 1\u202f45\d autres problèmes dans ce fichier \(0 erreur\(s\), 1\u202f45\d avertissement\(s\)\)/) });
    // Only errors beyond the 50: the count line is an error, the publication stays refused.
    const t2 = tree();
    t2.write('defis/relations.md', markdownFile({ ...validDefi(), themes: Array.from({ length: 80 }, (_, i) => `theme-absent-${i}`) }));
    const errors = issuesOf('defis/relations.md', t2).filter((i) => i.severity === 'error');
    expect(errors).toHaveLength(51);
    expect(errors.at(-1)!.message).toMatch(/^et \d+ autres problèmes dans ce fichier \(30 erreur\(s\), /);
  });
});

/** The line finder before issue #17 (frontmatter.ts), as the reference. */
function oldLineOf(doc: Document, lineAt: (p: number) => number, path: readonly (string | number)[]): number | undefined {
  const node = doc.getIn(path, true) as Node | undefined;
  const range = node && typeof node === 'object' && 'range' in node ? node.range : undefined;
  if (range) return lineAt(range[0]);
  if (path.length > 1) return oldLineOf(doc, lineAt, path.slice(0, -1));
  if (!isMap(doc.contents)) return undefined;
  for (const pair of doc.contents.items) {
    if (isScalar(pair.key) && String(pair.key.value) === String(path[0]) && pair.key.range) return lineAt(pair.key.range[0]);
  }
  return undefined;
}

/** Every path of a document (keys as the data has them: strings; items by index), and absent ones. */
function paths(node: unknown, prefix: (string | number)[], out: (string | number)[][]) {
  out.push([...prefix, 'absente'], [...prefix, 999]);
  if (isMap(node)) for (const pair of node.items) {
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    const p = [...prefix, String(key)];
    out.push(p);
    if (typeof key === 'number') out.push([...prefix, key]);
    paths(pair.value, p, out);
  } else if (isSeq(node)) node.items.forEach((item, i) => { out.push([...prefix, i], [...prefix, String(i)]); paths(item, [...prefix, i], out); });
}

function* markdownFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* markdownFiles(p);
    else if (name.endsWith('.md')) yield p;
  }
}

/** Lines of every path by the new lineOf and by the old one: the paths where they differ. */
function differences(source: string): string[] {
  const parsed = parseMarkdownFile(source);
  const yaml = /^---[ \t]*\r?\n([\s\S]*?)\r?\n?^---/m.exec(source.replace(/^\uFEFF/, ''))?.[1] ?? '';
  const lines = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const lineAt = (p: number) => lines.linePos(p).line + 1;
  const all: (string | number)[][] = [[]];
  paths(doc.contents, [], all);
  return all.filter((p) => parsed.lineOf(p) !== oldLineOf(doc, lineAt, p)).map((p) => `${JSON.stringify(p)}: ${parsed.lineOf(p)} au lieu de ${oldLineOf(doc, lineAt, p)}`);
}

describe('line of a front-matter value (path index)', () => {
  const corpus = resolve('../shared/corpus/site-eig-v2/content');
  for (const [name, dir] of [['demo', resolve('content')], ['corpus', corpus]] as const) {
    it.skipIf(!existsSync(dir))(`gives the old lookup's line for every path of every ${name} file`, () => {
      let checked = 0;
      for (const file of markdownFiles(dir)) {
        expect(differences(readFileSync(file, 'utf8')), file).toEqual([]);
        checked++;
      }
      expect(checked).toBeGreaterThan(50);
    });
  }

  it('finds deep paths, first of duplicate keys, numeric keys, aliases, flow and block values', () => {
    const source = [
      '---', 'title: Titre', 'numbers:', '  - num: 12', '    label: |', '      texte', '      sur deux lignes',
      '  - num: 7', '    items: [a, {b: 1, c: [x, y]}]', 'double: premier', 'double: second', '1: un', 'vide:',
      'ancre: &a {k: v}', 'alias: *a', 'profond:', '  a:', '    b:', '      - - c: 1', '        - d: 2', '---', 'Texte.', '',
    ].join('\n');
    expect(differences(source)).toEqual([]);
    const { lineOf } = parseMarkdownFile(source, { allowDuplicateKeys: true });
    expect(lineOf(['numbers', 0, 'label'])).toBe(5);
    expect(lineOf(['numbers', 1, 'items', 1, 'c', 1])).toBe(9);
    expect(lineOf(['numbers', '1', 'num'])).toBe(8);
    expect(lineOf(['double'])).toBe(10); // the first pair, as getIn
    expect(lineOf(['alias', 'k'])).toBe(15); // through an alias: the alias's line
    expect(lineOf(['profond', 'a', 'b', 0, 1, 'd'])).toBe(20);
    expect(lineOf(['profond', 'a', 'b', 0, 1, 'absente'])).toBe(20);
    expect(lineOf(['vide'])).toBe(13);
  });

  it('answers for 2,000 keys at the limit the line of each (key i on line i + 2)', () => {
    const source = defiWithKeys(1_950);
    const { lineOf, errors } = parseMarkdownFile(source);
    expect(errors).toEqual([]);
    const wrong = Array.from({ length: 1_950 }, (_, i) => i).filter((i) => lineOf([`cle${i}`]) !== i + 2);
    expect(wrong).toEqual([]);
  });
});
