import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runImport } from '../../src/lib/import/run.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import type { Finding } from '../../src/lib/import/report.ts';

/** A small tree in the previous site's layout, written by the test (fictional content). */
function legacyTree(files: Record<string, string | Buffer>) {
  const root = mkdtempSync(join(tmpdir(), 'eig-legacy-'));
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}
const defi = (fm: string, body = 'Texte du défi.') => `---\n${fm}\n---\n${body}\n`;
const base = `description: Un défi fictif\nwho: Ministère de l’Exemple\ntown: 75000 Paris\nimage: img/picto.svg`;

function run(files: Record<string, string | Buffer>) {
  const legacy = legacyTree(files);
  const out = mkdtempSync(join(tmpdir(), 'eig-import-'));
  const result = runImport(legacy, out);
  const read = (p: string) => readFileSync(join(out, 'content', p), 'utf8');
  const findings = (kind: Finding['kind']) => result.report.findings.filter((f) => f.kind === kind);
  return { legacy, out, result, read, findings };
}

const tree = {
  'content/promos/promotion-1.md': '---\ntitle: Promotion 1\n---\n',
  'content/themes/santé.md': '---\ntitle: Santé\n---\n',
  'content/expertises/design.md': '---\ntitle: "Design"\n---\n',
  'content/defis/alpha.md': defi(`title: "  Alpha  "\n${base}\ndate: 2022\nthemes:\n  - "Santé "\n  - Service public\npromos:\n  - promotion 1\nexpertises:\n  - Design\nexpertises:\n  - DESIGN`, '![schéma](img/Schéma-Équipe.png) et [doc](/img/appel.pdf) et ![absente](img/absente.png)'),
  'content/defis/be\u0301ta.md': defi(`title: Bêta\n${base}\ndate: 2021-05-01\nthemes: [Santé]\npromos: [Promotion 1]\nexpertises: [Design]\nimage: https://exemple.test/image.png`),
  'content/defis/karfu’r.md': defi(`title: Karfu’R\n${base}\ndate: 2021-05-01\nthemes: [Santé]\npromos: [Promotion 1]\nexpertises: [Design]`),
  'content/defis/karfur.md': defi(`title: Karfur bis\n${base}\ndate: 2021-05-01\nthemes: [Santé]\npromos: [Promotion 1]\nexpertises: [Design]`),
  'content/personnes/ada_exemple.md': `---\ntitle: Ada Exemple\njob: Développeuse\nrole: participant\npromos: [Promotion 1]\ndefis:\n  - "Alpha et Bêta"\n  - Gamma inconnu\n  - "ALPHA"\nexpertises: [Design, Droit]\nimage: img/ada.png\ncouleur: bleu\n---\nBio.\n`,
  'content/personnes/notes.ipynb': '{"cells": []}',
  'content/personnes/ancien.md': Buffer.concat([Buffer.from('---\ntitle: Ren'), Buffer.from([0xe9]), Buffer.from('\njob: Agent\nrole: agent-public\nexpertises: [Design]\nimage: img/ada.png\n---\n')]),
  'content/participer/administrations/_index.md': '---\ntitle: Administrations\nopen: false\nhead:\n  title: Administrations\n  desc: Texte\nprogram: Programme\nsteps: Étapes\nwait:\n  title: Bientôt\n  desc: Texte\n---\n',
  'static/img/picto.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'static/img/Schéma-Équipe.png': 'png',
  'static/img/appel.pdf': 'pdf',
  'static/img/ADA.png': 'png',
  'static/img/inutile.png': 'png',
};

describe('import of a date outside the model’s period', () => {
  it('keeps the legacy date, reports it, and the check then lists it as an error (never silently rewritten)', () => {
    const r = run({
      'content/promos/promotion-1.md': '---\ntitle: Promotion 1\n---\n',
      'content/themes/sante.md': '---\ntitle: Santé\n---\n',
      'content/expertises/design.md': '---\ntitle: Design\n---\n',
      'content/defis/ancien.md': defi(`title: Ancien\n${base}\ndate: 2015-06-01\nthemes: [Santé]\npromos: [Promotion 1]\nexpertises: [Design]`),
      'static/img/picto.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    });
    expect(r.read('defis/ancien.md')).toMatch(/^date: 2015-06-01$/m);
    expect(r.findings('date-out-of-range')).toEqual([expect.objectContaining({ file: 'defis/ancien.md', field: 'date', value: '2015-06-01' })]);
    expect(r.findings('invalid-value')).toEqual([]);
    const errors = loadContent(join(r.out, 'content'), join(r.out, 'media')).issues.filter((i) => i.severity === 'error');
    expect(errors).toEqual([expect.objectContaining({ file: 'defis/ancien.md', field: 'date' })]);
  });
});

describe('import of the previous site', () => {
  const r = run(tree);

  it('turns relations by title into relations by slug: exact, normalised, split, unmatched', () => {
    const alpha = r.read('defis/alpha.md');
    expect(alpha).toMatch(/themes:\n {2}- sante\n {2}- service-public\n/);
    expect(alpha).toMatch(/promos:\n {2}- promotion-1\n/);
    expect(r.findings('normalised-match').map((f) => f.value)).toEqual(expect.arrayContaining(['promotion 1', 'ALPHA']));
    const ada = r.read('personnes/ada-exemple.md');
    expect(ada).toMatch(/defis:\n {2}- alpha\n {2}- beta\n(?! {2}-)/);
    expect(r.findings('split-match')).toHaveLength(1);
    const unmatched = r.findings('unmatched-relation');
    expect(unmatched).toHaveLength(1);
    expect(unmatched[0]).toMatchObject({ file: 'personnes/ada_exemple.md', field: 'defis[1]', value: 'Gamma inconnu', line: 8 });
    expect(unmatched[0]!.candidates!.length).toBeGreaterThan(0);
  });

  it('creates the terms entries use but that have no file, and says so', () => {
    expect(r.read('themes/service-public.md')).toBe('---\ntitle: Service public\n---\n');
    expect(r.read('expertises/droit.md')).toBe('---\ntitle: Droit\n---\n');
    expect(r.findings('created-term').map((f) => f.result).sort()).toEqual(['expertises/droit.md', 'themes/service-public.md']);
  });

  it('handles spaces, bare years, duplicated keys and unknown keys, each reported', () => {
    const alpha = r.read('defis/alpha.md');
    expect(alpha).toMatch(/^title: Alpha$/m);
    expect(alpha).toMatch(/^date: 2022-01-01$/m);
    expect(alpha).toMatch(/expertises:\n {2}- design\n/);
    expect(r.findings('trimmed').some((f) => f.field === 'title')).toBe(true);
    expect(r.findings('bare-year-date')).toHaveLength(1);
    expect(r.findings('duplicate-key')[0]).toMatchObject({ file: 'defis/alpha.md', field: 'expertises' });
    expect(r.read('personnes/ada-exemple.md')).not.toMatch(/couleur/);
    expect(r.findings('unknown-key')[0]).toMatchObject({ field: 'couleur', value: 'bleu' });
  });

  it('names files by slug (NFD accents, typographic apostrophes), suffixes duplicates, keeps a differing old address', () => {
    const files = readdirSync(join(r.out, 'content', 'defis')).sort();
    expect(files).toEqual(['alpha.md', 'beta.md', 'karfur-2.md', 'karfur.md']);
    expect(r.findings('duplicate-slug')).toHaveLength(1);
    expect(r.read('personnes/ada-exemple.md')).toMatch(/^url: \/personnes\/ada_exemple\/$/m);
  });

  it('copies referenced media under normalised names, lists missing ones, keeps https images', () => {
    expect(readdirSync(join(r.out, 'media')).sort()).toEqual(['ada.png', 'appel.pdf', 'picto.svg', 'schema-equipe.png']);
    const alpha = r.read('defis/alpha.md');
    expect(alpha).toContain('![schéma](/img/schema-equipe.png)');
    expect(alpha).toContain('[doc](/img/appel.pdf)');
    expect(r.findings('missing-image').map((f) => f.value)).toEqual(['img/absente.png']);
    expect(r.findings('missing-image')[0]!.line).toBeGreaterThan(1);
    expect(r.read('defis/beta.md')).toMatch(/^image: https:\/\/exemple\.test\/image\.png$/m);
    expect(r.findings('remote-image')).toHaveLength(1);
    expect(r.findings('image-found-by-normalised-name')[0]).toMatchObject({ value: 'img/ada.png', result: 'ADA.png' });
  });

  it('flattens media sub-folders into the top of media/, where the back-office lists them, numbering collisions', () => {
    const flat = run({
      'content/themes/sante.md': '---\ntitle: Santé\n---\n',
      'content/defis/alpha.md': defi('title: Alpha\nimage: img/Promotion 6/defis/Logo.png', '![photo](img/promotion-6-photos/p1.jpg) ![même](/img/promotion-6/defis-logo.png)'),
      'static/img/Promotion 6/defis/Logo.png': 'png',
      'static/img/promotion-6/defis-logo.png': 'png',
      'static/img/promotion-6-photos/p1.jpg': 'jpg',
    });
    expect(readdirSync(join(flat.out, 'media')).sort()).toEqual(['promotion-6-defis-logo-2.png', 'promotion-6-defis-logo.png', 'promotion-6-photos-p1.jpg']);
    const alpha = flat.read('defis/alpha.md');
    expect(alpha).toMatch(/^image: img\/promotion-6-defis-logo\.png$/m);
    expect(alpha).toContain('![photo](/img/promotion-6-photos-p1.jpg)');
    expect(alpha).toContain('![même](/img/promotion-6-defis-logo-2.png)');
    // The old addresses (/img/<legacy path>) are recorded for the build's redirect map.
    expect(JSON.parse(flat.read('.legacy-media.json'))).toEqual({
      '/img/Promotion 6/defis/Logo.png': 'promotion-6-defis-logo.png',
      '/img/promotion-6-photos/p1.jpg': 'promotion-6-photos-p1.jpg',
      '/img/promotion-6/defis-logo.png': 'promotion-6-defis-logo-2.png',
    });
  });

  it('reports non-Markdown files, non-UTF-8 files and missing required values (with a fallback)', () => {
    expect(r.findings('not-markdown').map((f) => f.file)).toEqual(['personnes/notes.ipynb']);
    expect(r.findings('invalid-encoding').map((f) => f.file)).toEqual(['personnes/ancien.md']);
    expect(r.read('personnes/ancien.md')).toMatch(/^title: René$/m);
    expect(r.read('participer/administrations/_index.md')).toMatch(/criteria:\n {2}title: Critères\n/);
    expect(r.findings('missing-required').map((f) => f.field)).toContain('criteria.title');
  });

  it('gives a tree that passes the content checks, and a JSON report of every finding', () => {
    const set = loadContent(join(r.out, 'content'), join(r.out, 'media'));
    expect(set.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const json = JSON.parse(readFileSync(join(r.out, 'import-report.json'), 'utf8')) as { findings: Finding[]; summary: { findings: Record<string, number> } };
    expect(json.findings).toHaveLength(r.result.report.findings.length);
    expect(json.summary.findings['created-term']).toBe(2);
  });

  it('gives the same bytes when run twice', () => {
    const again = run(tree);
    const snapshot = (root: string) => {
      const files: string[] = [];
      const walk = (d: string, rel: string) => readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(join(d, e.name), `${rel}${e.name}/`) : files.push(`${rel}${e.name}\n${readFileSync(join(d, e.name), 'utf8')}`)));
      walk(root, '');
      return files.sort();
    };
    expect(snapshot(again.out)).toEqual(snapshot(r.out));
  });
});

describe('import: every file the content references comes across', () => {
  const r = run({
    'content/promos/promotion-1.md': '---\ntitle: Promotion 1\n---\n',
    'content/themes/sante.md': '---\ntitle: Santé\n---\n',
    'content/expertises/design.md': '---\ntitle: Design\n---\n',
    'content/defis/alpha.md': defi(`title: Alpha\n${base}\ndate: 2022\nthemes: [Santé]\npromos: [Promotion 1]\nexpertises: [Design]`,
      'Voir {{< arrow-link url="img/Synthèse_Défi.pdf" title="La synthèse" target="true" >}}\n\n{{< arrow-link url="img/perdu.pdf" title="Perdu" >}}\n\n![vue](img/blog/vue.png)\n\n{{< dailymotion x7abc12 "Vidéo du défi Alpha" >}}'),
    'content/participer/candidats/_index.md': '---\ntitle: Candidats\nopen: false\nhow:\n  title: Devenir EIG\n  desc: |\n    Texte.\n\n    ![](img/steps.svg)\n---\n',
    'static/img/picto.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'static/img/Synthèse_Défi.pdf': 'pdf',
    'static/img/steps.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'static/img/vue.png': 'png',
  });
  const media = readdirSync(join(r.out, 'media')).sort();

  it('copies the PDF of an arrow-link shortcode and points the link to /img/', () => {
    expect(media).toContain('synthese_defi.pdf');
    expect(r.read('defis/alpha.md')).toContain('{{< arrow-link url="/img/synthese_defi.pdf" title="La synthèse" target="true" >}}');
  });

  it('copies the images of Markdown fields of the front matter (the candidates page’s diagram)', () => {
    expect(media).toContain('steps.svg');
    expect(r.read('participer/candidats/_index.md')).toContain('![](/img/steps.svg)');
  });

  it('finds a file referenced in a wrong folder when it is the only one of that name, and says so', () => {
    expect(media).toContain('vue.png');
    expect(r.read('defis/alpha.md')).toContain('![vue](/img/vue.png)');
    expect(r.findings('image-found-elsewhere').map((f) => f.value)).toEqual(['/img/blog/vue.png'.slice(1)]);
  });

  it('reports a file missing from the legacy tree, with its file and line, without stopping', () => {
    const missing = r.findings('missing-image').find((f) => f.value === 'img/perdu.pdf');
    expect(missing).toMatchObject({ file: 'defis/alpha.md', field: 'body' });
    expect(missing!.line).toBeGreaterThan(1);
  });

  it('keeps the shortcodes’ parameters (the video title)', () => {
    expect(r.read('defis/alpha.md')).toContain('{{< dailymotion x7abc12 "Vidéo du défi Alpha" >}}');
  });
});
