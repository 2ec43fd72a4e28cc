/**
 * Back-office previews, the pure parts: the draft Decap holds → the file it will be saved as
 * (and its page's URL), the request checks of POST /admin/apercu, problems in an editor's words,
 * and how the browser reads the endpoint's answers. The rendering itself, by the site's pages, is
 * tested in tests/pages/preview.test.ts; in the real Decap UI in tests/e2e/backoffice-preview.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parseMarkdownFile } from '../../src/lib/content/frontmatter.ts';
import { validateEntry } from '../../src/lib/content/validate.ts';
import { draftFile, previewProblems } from '../../backoffice/preview/render.ts';
import { checkPreviewRequest } from '../../backoffice/preview/service.ts';
import { UNAVAILABLE_TEXT, previewPayload, problemText, readAnswer } from '../../backoffice/admin/preview-frame.ts';

const defi = {
  title: 'Archives à l’écoute', description: 'Une phrase.', who: 'Direction imaginaire', town: 'Lyon',
  date: '2024-03-01', promos: ['promotion-4'], themes: ['sante'], image: 'img/x.svg', visible: true,
  body: 'Texte **gras**.\n\n## Un titre',
};

describe('draftFile: the draft as the file Decap will save', () => {
  it('names an existing entry by its slug and keeps its page URL', () => {
    const d = draftFile({ collection: 'defis', slug: 'droit-clair', data: defi });
    expect(d.file).toBe('defis/droit-clair.md');
    expect(d.url).toBe('/defis/droit-clair/');
  });

  it('names an existing entry with an accented file name by that file, not a slugified twin', () => {
    const d = draftFile({ collection: 'defis', slug: 'brigade-numérique', data: defi });
    expect(d.file).toBe('defis/brigade-numérique.md');
    expect(d.url).toBe('/defis/brigade-numerique/'); // the page's URL, by the site's rule
    // A slug that is no file name of the gate's is never a path: the title names the draft.
    expect(draftFile({ collection: 'defis', slug: '../x', data: defi }).file).toBe('defis/archives-a-lecoute.md');
  });

  it('names a new entry after its title, by the site’s URL rule (accents, apostrophes)', () => {
    const d = draftFile({ collection: 'defis', data: { ...defi, title: 'Élan d’été' } });
    expect(d.file).toBe('defis/elan-dete.md');
    expect(d.url).toBe('/defis/elan-dete/');
    expect(draftFile({ collection: 'articles', data: {} }).file).toBe('blog/nouvelle-entree.md');
  });

  it('writes front matter then body, which the content checks read back as the same values', () => {
    const d = draftFile({ collection: 'defis', slug: 'droit-clair', data: { ...defi, outcome: { status: 'perennise', since: '2023-07-01', note: null } } });
    const parsed = parseMarkdownFile(d.source);
    expect(parsed.body).toBe(defi.body);
    expect(parsed.data['title']).toBe(defi.title);
    expect(parsed.data).not.toHaveProperty('body');
    expect(parsed.data['outcome']).toEqual({ status: 'perennise', since: expect.anything() as unknown });
    const { data, issues } = validateEntry(d.type, d.file, parsed);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect((data!['date'] as Date).toISOString().slice(0, 10)).toBe('2024-03-01');
  });

  it('maps a page of the « pages » collection to its own file and URL, and honours url:', () => {
    expect(draftFile({ collection: 'pages', slug: 'home', data: { title: 'Accueil' } })).toMatchObject({ file: '_index.md', url: '/' });
    expect(draftFile({ collection: 'pages', slug: 'candidats-faq', data: {} })).toMatchObject({ file: 'participer/candidats/faq.md', url: '/participer/candidats/faq/' });
    expect(draftFile({ collection: 'pages', slug: 'cgu', data: { url: '/conditions' } }).url).toBe('/conditions/');
  });

  it('refuses, in French, a collection or a page the model does not know', () => {
    expect(() => draftFile({ collection: 'inconnue', data: {} })).toThrow(/collection inconnue du modèle/);
    expect(() => draftFile({ collection: 'pages', slug: 'nulle-part', data: {} })).toThrow(/page inconnue du modèle/);
  });
});

describe('previewProblems: problems by field label', () => {
  const d = draftFile({ collection: 'defis', slug: 'droit-clair', data: defi });
  it('names the draft’s fields by their labels, other entries by kind and title', () => {
    const problems = previewProblems([
      { file: d.file, line: 2, field: 'title', message: 'champ obligatoire manquant ou vide', severity: 'error' },
      { file: d.file, field: 'outcome.since', message: 'date dans le futur', severity: 'error' },
      { file: d.file, field: 'town', message: 'un avertissement', severity: 'warning' },
      { file: 'personnes/ada.md', field: 'defis[0]', message: 'relation cassée', severity: 'error' },
    ], d, (f) => (f === 'personnes/ada.md' ? { title: 'Ada Exemple' } : undefined));
    expect(problems).toEqual([
      { field: 'Titre', message: 'champ obligatoire manquant ou vide' },
      { field: 'Devenir du défi › Depuis le', message: 'date dans le futur' },
      { entry: 'Personne « Ada Exemple »', field: 'Défis n° 1', message: 'relation cassée' },
    ]);
    expect(problemText(problems[0]!)).toBe('Champ « Titre » : champ obligatoire manquant ou vide');
    expect(problemText(problems[2]!)).toBe('Personne « Ada Exemple », champ « Défis n° 1 » : relation cassée');
  });
});

describe('checkPreviewRequest', () => {
  it('accepts a collection, an optional slug and the data', () => {
    expect(checkPreviewRequest({ collection: 'defis', slug: 'droit-clair', data: {} })).toEqual({ collection: 'defis', slug: 'droit-clair', data: {} });
    expect(checkPreviewRequest({ collection: 'defis', slug: '', data: {} })).toEqual({ collection: 'defis', slug: undefined, data: {} });
  });
  it('refuses anything else, with a French reason', () => {
    expect(checkPreviewRequest([])).toBe('objet JSON attendu');
    expect(checkPreviewRequest({ collection: '../x', data: {} })).toBe('collection invalide');
    expect(checkPreviewRequest({ collection: 'defis', slug: '../../etc/passwd', data: {} })).toBe('slug invalide');
    expect(checkPreviewRequest({ collection: 'defis', data: 'x' })).toBe('données de l’entrée manquantes');
  });
});

describe('the browser side', () => {
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8' } });

  it('sends the collection, the slug and the draft’s data', () => {
    const entry = { get: (k: string) => (k === 'slug' ? 'droit-clair' : { toJS: () => ({ title: 'T' }) }) } as never;
    expect(previewPayload({ entry, collection: { get: () => 'defis' } })).toEqual({ collection: 'defis', slug: 'droit-clair', data: { title: 'T' } });
  });

  it('reads a page, problems, and a host without previews (static production)', async () => {
    expect(await readAnswer(json(200, { html: '<!doctype html><h1>x</h1>' }))).toEqual({ html: '<!doctype html><h1>x</h1>', missing: [], absentMedia: [] });
    expect(await readAnswer(json(200, { html: '<h1>[Titre à renseigner]</h1>', missing: [{ field: 'Titre', placeholder: '[Titre à renseigner]' }], absentMedia: ['img/x.png', 3] })))
      .toEqual({ html: '<h1>[Titre à renseigner]</h1>', missing: [{ field: 'Titre', placeholder: '[Titre à renseigner]' }], absentMedia: ['img/x.png'] });
    expect(await readAnswer(json(422, { error: 'Cette version ne peut pas être publiée telle quelle :', problems: [{ field: 'Titre', message: 'vide' }] })))
      .toEqual({ phase: 'error', message: 'Cette version ne peut pas être publiée telle quelle :', problems: [{ field: 'Titre', message: 'vide' }] });
    expect(await readAnswer(new Response('<html>404</html>', { status: 404, headers: { 'Content-Type': 'text/html' } }))).toEqual({ phase: 'unavailable' });
    expect(await readAnswer(new Response('', { status: 405 }))).toEqual({ phase: 'unavailable' });
    expect(await readAnswer(json(403, { error: 'Requête refusée' }))).toMatchObject({ phase: 'error', message: 'Requête refusée' });
    expect(UNAVAILABLE_TEXT).toMatch(/npm start.*après publication/);
  });
});
