/**
 * Proof that the search index of a publication, made by the long-lived indexer (one Pagefind
 * process and the index of the last build kept between builds, only the changed pages sent
 * again: engine/search-index.ts), equals a fresh full index of the same pages: same files, same
 * bytes, under <dir>/pagefind/ (Pagefind's output is content-hashed and a pure function of the
 * pages it is given, in their order: identical files give identical results in the same order).
 *
 * The reference is made in a child process (a new Node process, hence a new Pagefind process
 * and nothing kept) on a copy of the build's pages. The kind of work the indexer did is checked
 * too (`mode`, `sent`), so that the proof is about the reuse: a text edit, a page that leaves
 * the index and one that comes back are updates of the kept index; a new page is a new index in
 * the same process. The first full index is compared once with Pagefind's own walk of the
 * folder (`addDirectory`): the same pages (the fragment files are content-hashed per page).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as pagefind from 'pagefind';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderer, type Renderer } from '../../engine/render/renderer.ts';
import { createSearchIndexer, type IndexResult, type SearchIndexer } from '../../engine/search-index.ts';
import { SEARCH_EXCLUDE } from '../../src/lib/search.ts';
import { differences, tree } from '../helpers/tree-diff.ts';

const root = mkdtempSync(join(tmpdir(), 'eig-search-index-'));
const content = join(root, 'content');
const media = join(root, 'media');
let renderer: Renderer;
let indexer: SearchIndexer;
let step = 0;
let previous = '';

/** A fresh full index of `dir`'s pages, in a new Node process, into <copy>/pagefind/. */
function freshIndex(dir: string): string {
  const copy = join(root, `ref-${step}`);
  cpSync(dir, copy, { recursive: true, filter: (src) => resolve(src) !== resolve(dir, 'pagefind') });
  const code = `const m = await import(${JSON.stringify(resolve('engine/search-index.ts'))}); const r = await m.buildSearchIndex(${JSON.stringify(copy)}); if (r.errors.length || r.mode !== 'full') { console.error(JSON.stringify(r)); process.exit(1); }`;
  execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'ignore', 'inherit'] });
  return copy;
}

/** Applies an edit, renders from the previous output, indexes with the kept index, compares. */
async function check(edit: () => void): Promise<IndexResult> {
  edit();
  step++;
  const out = join(root, `out-${step}`);
  await renderer.update(content, media, [], previous, out);
  const r = await indexer.build(out, { previous });
  expect(r.errors).toEqual([]);
  const ref = freshIndex(out);
  expect(tree(join(out, 'pagefind')).filter((f) => f.startsWith('fragment/')).length).toBeGreaterThan(3);
  expect(differences(join(out, 'pagefind'), join(ref, 'pagefind'))).toEqual([]);
  previous = out;
  return r;
}

const edit = (file: string, f: (s: string) => string) => writeFileSync(join(content, file), f(readFileSync(join(content, file), 'utf8')));
const removed = 'blog/ce-que-j-ai-appris-en-dix-mois-demo.md';
let removedText = '';

beforeAll(async () => {
  cpSync('content', content, { recursive: true });
  cpSync('media', media, { recursive: true });
  renderer = await createRenderer({ codeRoot: process.cwd(), log: () => {} });
  indexer = createSearchIndexer();
  previous = join(root, 'out-0');
  await renderer.full(content, media, previous);
  const r = await indexer.build(previous);
  expect(r.errors).toEqual([]);
  expect(r.mode).toBe('full');
}, 600_000);

afterAll(async () => {
  await indexer?.close();
  await renderer?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('index de recherche d’une publication = index complet neuf', () => {
  it('le premier index complet : octet pour octet celui d’un processus neuf, les mêmes pages que le parcours du dossier par Pagefind', async () => {
    expect(differences(join(previous, 'pagefind'), join(freshIndex(previous), 'pagefind'))).toEqual([]);
    // Pagefind's own walk, in a copy (its order is the file system's: only the pages are compared).
    const walked = join(root, 'walked');
    cpSync(previous, walked, { recursive: true, filter: (src) => resolve(src) !== resolve(previous, 'pagefind') });
    const { index } = await pagefind.createIndex({ excludeSelectors: SEARCH_EXCLUDE });
    await index!.addDirectory({ path: walked });
    await index!.writeFiles({ outputPath: join(walked, 'pagefind') });
    await index!.deleteIndex();
    const fragments = (d: string) => readdirSync(join(d, 'pagefind', 'fragment')).sort();
    expect(fragments(walked)).toEqual(fragments(previous));
    expect(fragments(previous).length).toBeGreaterThan(10);
  });

  it('un défi modifié : sa page seule est envoyée à l’index gardé', async () => {
    const r = await check(() => edit('defis/archives-vivantes.md', (s) => `${s}\nUn paragraphe ajouté par le test de l’index.\n`));
    expect(r.mode).toBe('updated');
    expect(r.sent).toBeGreaterThanOrEqual(1);
    expect(r.sent!).toBeLessThan(r.pages / 2);
  });

  it('une page hors de l’index modifiée : l’index précédent est repris tel quel', async () => {
    const r = await check(() => edit('cgu.md', (s) => `${s}\nUne phrase ajoutée par le test de l’index.\n`));
    expect(r.mode).toBe('reused');
  });

  it('un article supprimé : il sort de l’index gardé', async () => {
    const before = (await check(() => {})).pages;
    removedText = readFileSync(join(content, removed), 'utf8');
    const r = await check(() => rmSync(join(content, removed)));
    expect(r.mode).toBe('updated');
    expect(r.pages).toBe(before - 1);
  });

  it('un défi modifié après la suppression', async () => {
    const r = await check(() => edit('defis/archives-vivantes.md', (s) => `${s}\nUn second paragraphe.\n`));
    expect(r.mode).toBe('updated');
  });

  it('l’article supprimé revient à la même adresse : il reprend sa place dans l’index gardé', async () => {
    const r = await check(() => writeFileSync(join(content, removed), removedText));
    expect(r.mode).toBe('updated');
  });

  it('un défi ajouté (nouvelle adresse) : un nouvel index, dans le même processus', async () => {
    const r = await check(() => writeFileSync(join(content, 'defis/nouveau-defi-index.md'), readFileSync(join(content, 'defis/archives-vivantes.md'), 'utf8').replace(/^title: .*$/m, 'title: Nouveau défi de l’index')));
    expect(r.mode).toBe('full');
  });

  it('puis une modification : l’index neuf est gardé à son tour', async () => {
    const r = await check(() => edit('defis/nouveau-defi-index.md', (s) => `${s}\nEncore un paragraphe.\n`));
    expect(r.mode).toBe('updated');
  });
});
