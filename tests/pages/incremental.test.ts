/**
 * Proof that the long-lived renderer's incremental output equals a full build (#12 item 3).
 *
 * On a temporary copy of the demo content, a sequence of edits (change, add, rename, delete, a
 * relation moved, a term added, a new entry with its new image, an image replaced, media
 * deleted); after each, `update` from the previous
 * output is compared with a full render of the same content: same files, same bytes. The full
 * render is the renderer's own full mode (≈1 s); tests/e2e/astro-build-equal.test.ts compares
 * that full mode with a real `astro build` (≈40–90 s: in the browser layer, which already waits
 * for a build, so that this layer needs none). Normalisation: none needed — the
 * only clock-dependent page (/donnees/, a day-precision date) reads the whole content set, so
 * it is always re-rendered.
 *
 * The post-steps of `npm run build` run on both sides too, as build.ts runs them: the search
 * index (incremental: the previous index linked when no indexed page changed, else Pagefind
 * again), the CSP file (cached per page) and the precompressed .gz/.br (incremental: the previous
 * copies linked for unchanged files). They are compared byte for byte like the pages: Pagefind's
 * output is a pure function of the indexed pages (same pages → same files, same content-hashed
 * fragment names; checked here on every step), so no normalisation is needed, and identical
 * index files give identical search results.
 *
 * A media change renders only the pages that show the file (pages record their media reads,
 * `M <path>` in src/lib/content/reads.ts): the media cases check which pages were rendered
 * (the renderer's `rendu : /…` lines) besides the bytes.
 */
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderer, type Renderer } from '../../engine/render/renderer.ts';
import { differences, tree } from '../helpers/tree-diff.ts';
import { buildSearchIndex, type IndexResult } from '../../engine/search-index.ts';
import { prepareForServing } from '../../engine/deploy/postbuild.ts';

const root = mkdtempSync(join(tmpdir(), 'eig-incremental-'));
const content = join(root, 'content');
const media = join(root, 'media');
let renderer: Renderer;
let step = 0;
let previous = '';
/** The renderer's progress lines of the current step (`rendu : /<file> (… ms)` for each page rendered). */
const lines: string[] = [];

/** Search indexes started by the renderer as soon as the pages are written, as scripts/build.ts does. */
const indexing = new Map<string, Promise<IndexResult>>();

/** What `npm run build` does after rendering: search index (started early), CSP, precompression. */
async function postSteps(dir: string, prev?: string): Promise<IndexResult> {
  const pending = indexing.get(dir);
  expect(pending, 'index de recherche lancé après le rendu des pages').toBeDefined();
  await prepareForServing(dir, prev, pending);
  const search = await pending!;
  expect(search.errors).toEqual([]);
  return search;
}

/** Applies an edit, updates from the previous output, compares with a full render. */
async function check(edit: () => void) {
  edit();
  step++;
  const inc = join(root, `inc-${step}`);
  const full = join(root, `full-${step}`);
  lines.length = 0;
  const u = await renderer.update(content, media, [], previous, inc);
  const renderedFiles = lines.map((l) => /^rendu : \/(\S+) \(/.exec(l)?.[1]).filter((f): f is string => f !== undefined);
  const search = await postSteps(inc, previous);
  await renderer.full(content, media, full);
  await postSteps(full);
  expect(tree(inc).filter((f) => f.startsWith('pagefind/')).length).toBeGreaterThan(3);
  expect(tree(inc).filter((f) => f.endsWith('.gz')).length).toBeGreaterThan(10);
  expect(differences(inc, full)).toEqual([]);
  previous = inc;
  return { ...u, search, renderedFiles };
}

/** Pages reading the whole content set (`*`): rendered at every update, whatever changed. */
let always = 0;
/** Pages rendered for a new défi without an image of its own (its lists, its terms' pages…). */
let added = 0;

const edit = (file: string, f: (s: string) => string) => writeFileSync(join(content, file), f(readFileSync(join(content, file), 'utf8')));

beforeAll(async () => {
  cpSync('content', content, { recursive: true });
  cpSync('media', media, { recursive: true });
  renderer = await createRenderer({
    codeRoot: process.cwd(),
    log: (l) => lines.push(l),
    afterPages: (dir, prev) => { const p = buildSearchIndex(dir, prev ? { previous: prev } : {}); p.catch(() => {}); indexing.set(dir, p); },
  });
  previous = join(root, 'inc-0');
  await renderer.full(content, media, previous);
  await postSteps(previous);
}, 600_000);

afterAll(async () => {
  await renderer?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('rendu incrémental = construction complète', () => {
  it('un défi modifié : seule sa page est réécrite', async () => {
    const u = await check(() => edit('defis/archives-vivantes.md', (s) => `${s}\nUn paragraphe ajouté par le test.\n`));
    expect(u.search.reused).toBeFalsy(); // an indexed page changed: Pagefind indexed again
    expect(u.written).toBeGreaterThanOrEqual(1);
    expect(u.rendered).toBeLessThan(u.pages / 2);
    expect(readFileSync(join(previous, 'defis/archives-vivantes/index.html'), 'utf8')).toContain('Un paragraphe ajouté par le test.');
    always = u.rendered;
  });

  it('une page hors de l’index modifiée : l’index de recherche précédent est repris', async () => {
    const u = await check(() => edit('cgu.md', (s) => `${s}\nUne phrase ajoutée par le test.\n`));
    expect(u.search.reused).toBe(true);
    expect(readFileSync(join(previous, 'cgu/index.html'), 'utf8')).toContain('Une phrase ajoutée par le test.');
  });

  it('un défi ajouté', async () => {
    added = (await check(() => writeFileSync(join(content, 'defis/nouveau-defi-test.md'), readFileSync(join(content, 'defis/archives-vivantes.md'), 'utf8').replace(/^title: .*$/m, 'title: Nouveau défi du test')))).rendered;
    expect(existsSync(join(previous, 'defis/nouveau-defi-test/index.html'))).toBe(true);
  });

  it('un défi renommé (nouvelle adresse, l’ancienne disparaît)', async () => {
    await check(() => renameSync(join(content, 'defis/nouveau-defi-test.md'), join(content, 'defis/defi-renomme-test.md')));
    expect(existsSync(join(previous, 'defis/nouveau-defi-test/index.html'))).toBe(false);
    expect(existsSync(join(previous, 'defis/defi-renomme-test/index.html'))).toBe(true);
  });

  it('un article supprimé (la pagination bouge)', async () => {
    await check(() => rmSync(join(content, 'blog/ce-que-j-ai-appris-en-dix-mois-demo.md')));
    expect(existsSync(join(previous, 'blog/ce-que-j-ai-appris-en-dix-mois-demo/index.html'))).toBe(false);
  });

  it('une relation déplacée (une personne change de défi)', async () => {
    await check(() => edit('personnes/alix-martinot.md', (s) => s.replace('  - brigade-numerique', '  - archives-vivantes')));
    expect(readFileSync(join(previous, 'defis/archives-vivantes/index.html'), 'utf8')).toContain('Alix Martinot');
  });

  it('un terme ajouté et utilisé', async () => {
    await check(() => {
      writeFileSync(join(content, 'themes/theme-du-test.md'), '---\ntitle: Thème du test\n---\n');
      edit('defis/archives-vivantes.md', (s) => s.replace('themes:\n  - culture', 'themes:\n  - culture\n  - theme-du-test'));
    });
    expect(existsSync(join(previous, 'themes/theme-du-test/index.html'))).toBe(true);
  });

  // Reads made finer (#23): each case below changes what a coarser read would also have caught;
  // the equality with a full build fails if a page no longer records what it shows, and the
  // pages NOT rendered are those a coarse read (every term's title, every article) rendered.
  it('un thème renommé : les pages qui montrent son titre, pas toutes celles qui montrent un thème', async () => {
    const u = await check(() => edit('themes/culture.md', (s) => s.replace(/^title: .*$/m, 'title: Culture renommée par le test')));
    expect(readFileSync(join(previous, 'defis/archives-vivantes/index.html'), 'utf8')).toContain('Culture renommée par le test');
    expect(u.renderedFiles).toEqual(expect.arrayContaining(['defis/archives-vivantes/index.html', 'themes/culture/index.html', 'defis/index.html']));
    // Her only défi (carto-sols) is not about culture: her page shows no title of it.
    expect(u.renderedFiles).not.toContain('personnes/dimitri-vasseur/index.html');
  });

  it('une promotion renommée : les défis dont l’équipe la montre, pas les autres', async () => {
    const u = await check(() => edit('promos/promotion-2.md', (s) => s.replace(/^title: .*$/m, 'title: Deuxième promotion du test')));
    // A défi of promotion 4 whose team counts a talent of promotion 2 (Léo Garnier): its card says so.
    const brigade = u.renderedFiles.find((f) => f.startsWith('defis/brigade-num'));
    expect(brigade).toBeDefined();
    expect(readFileSync(join(previous, brigade!), 'utf8')).toContain('Deuxième promotion du test');
    expect(u.renderedFiles).toEqual(expect.arrayContaining(['defis/archives-vivantes/index.html', 'personnes/leo-garnier/index.html', 'promos/promotion-2/index.html']));
    expect(u.renderedFiles).not.toContain('defis/carto-sols/index.html');
  });

  it('un article renommé : sa page de la liste et ses catégories, pas les autres articles', async () => {
    const u = await check(() => renameSync(join(content, 'blog/atelier-accessibilite-numerique-demo.md'), join(content, 'blog/atelier-renomme-par-le-test.md')));
    expect(existsSync(join(previous, 'blog/atelier-accessibilite-numerique-demo/index.html'))).toBe(false);
    expect(u.renderedFiles).toEqual(expect.arrayContaining(['blog/atelier-renomme-par-le-test/index.html', 'flux/articles.xml']));
    expect(u.renderedFiles).not.toContain('blog/seminaire-d-integration-a-lyon-demo/index.html');
  });

  it('un article masqué : pagination, nombres par catégorie et « Lire aussi » suivent', async () => {
    const u = await check(() => edit('blog/lancement-de-la-promotion-demo-7.md', (s) => s.replace('visible: true', 'visible: false')));
    expect(readFileSync(join(previous, 'blog/seminaire-d-integration-a-lyon-demo/index.html'), 'utf8')).not.toContain('/blog/lancement-de-la-promotion-demo-7/');
    expect(u.renderedFiles).toContain('blog/index.html');
  });

  it('une personne renommée : l’ordre par nom des listes qui la montrent, pas les autres termes', async () => {
    const u = await check(() => edit('personnes/leo-garnier.md', (s) => s.replace(/^title: .*$/m, 'title: Zoé Garnier du test')));
    expect(readFileSync(join(previous, 'promos/promotion-2/index.html'), 'utf8')).toContain('Zoé Garnier du test');
    expect(u.renderedFiles).toEqual(expect.arrayContaining(['promos/promotion-2/index.html', 'defis/archives-vivantes/index.html']));
    expect(u.renderedFiles).not.toContain('themes/sante/index.html');
  });

  it('le texte d’un défi modifié : les pages aux chiffres calculés ne sont pas rendues (leur chiffre ne change pas)', async () => {
    const u = await check(() => edit('defis/eau-claire.md', (s) => `${s}\nUne phrase ajoutée par le test.\n`));
    expect(u.renderedFiles).toContain('defis/eau-claire/index.html');
    expect(u.renderedFiles).not.toContain('blog/publication-du-rapport-d-activite-demo/index.html');
    expect(u.renderedFiles).not.toContain('programme/index.html');
  });

  it('le devenir d’un défi changé : l’article qui cite la part des défis pérennisés est rendu', async () => {
    const u = await check(() => edit('defis/eau-claire.md', (s) => s.replace('status: perennise', 'status: arrete')));
    expect(u.renderedFiles).toContain('blog/publication-du-rapport-d-activite-demo/index.html');
  });

  it('un défi ajouté avec sa nouvelle image : seules les pages qui le montrent sont rendues', async () => {
    const u = await check(() => {
      copyFileSync(join(media, 'home-accueil.jpg'), join(media, 'defis-image-du-test.jpg'));
      writeFileSync(join(content, 'defis/defi-image-test.md'), readFileSync(join(content, 'defis/archives-vivantes.md'), 'utf8')
        .replace(/^title: .*$/m, 'title: Défi illustré du test').replace(/^image: .*$/m, 'image: img/defis-image-du-test.jpg'));
    });
    expect(readFileSync(join(previous, 'defis/defi-image-test/index.html'), 'utf8')).toMatch(/\/_img\/defis-image-du-test-[0-9a-f]+-\d+\.avif/);
    expect(u.renderedFiles).toContain('defis/defi-image-test/index.html');
    expect(u.renderedFiles).toContain('defis/index.html'); // the list shows its card
    // The new image adds no page to render (2 of margin: this défi also has the test theme, whose page lists it).
    expect(u.rendered).toBeLessThanOrEqual(added + 2);
  });

  it('une image remplacée (mêmes nom et chemin, autres octets) : seules ses pages sont rendues', async () => {
    const before = readdirSync(join(previous, '_img')).sort();
    const u = await check(() => copyFileSync(join(media, 'phase2.png'), join(media, 'phase1.png')));
    expect(readdirSync(join(previous, '_img')).sort()).not.toEqual(before);
    expect(u.renderedFiles).toContain('programme/index.html');
    expect(u.rendered).toBeLessThanOrEqual(always + 2);
  });

  it('l’image d’un défi remplacée : sa page et les listes qui montrent sa carte sont rendues, pas les autres', async () => {
    const u = await check(() => copyFileSync(join(media, 'marguerite-yourcenar3.jpg'), join(media, 'defis-image-du-test.jpg')));
    expect(u.renderedFiles).toEqual(expect.arrayContaining(['defis/defi-image-test/index.html', 'defis/index.html']));
    expect(u.renderedFiles).not.toContain('defis/archives-vivantes/index.html');
    expect(u.rendered).toBeLessThan(u.pages / 2);
  });

  it('une image et un document supprimés : les pages qui les montraient passent à l’espace neutre ou au texte seul', async () => {
    const u = await check(() => {
      rmSync(join(media, 'defis-image-du-test.jpg'));
      rmSync(join(media, 'demo-participer-appel-candidats-demo.pdf'));
    });
    expect(readFileSync(join(previous, 'defis/defi-image-test/index.html'), 'utf8')).not.toContain('defis-image-du-test');
    expect(u.renderedFiles).toEqual(expect.arrayContaining(['defis/defi-image-test/index.html', 'defis/index.html', 'participer/candidats/index.html']));
    expect(u.rendered).toBeLessThan(u.pages / 2);
  });

  it('l’image supprimée revient : les pages qui la cherchaient la montrent de nouveau', async () => {
    const u = await check(() => copyFileSync(join(media, 'home-accueil.jpg'), join(media, 'defis-image-du-test.jpg')));
    expect(readFileSync(join(previous, 'defis/defi-image-test/index.html'), 'utf8')).toMatch(/\/_img\/defis-image-du-test-[0-9a-f]+-\d+\.avif/);
    expect(u.rendered).toBeLessThan(u.pages / 2);
  });
});
