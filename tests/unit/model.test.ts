import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { contentTypes, fileType, folderType } from '../../src/content/model/index.ts';
import type { Field } from '../../src/content/model/fields.ts';
import { dateBound, dateRangeIssue } from '../../src/content/model/to-zod.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { formatIssue } from '../../src/lib/content/issues.ts';
import { fileOf, markdownFile, sampleData, tempTree } from '../helpers/content-tree.ts';

const errorsOf = (set: ReturnType<typeof loadContent>) => set.issues.filter((i) => i.severity === 'error');

function walk(fields: readonly Field[], fn: (f: Field) => void) {
  for (const f of fields) { fn(f); if (f.kind === 'object' || f.kind === 'list') walk(f.fields, fn); }
}

describe('content model', () => {
  it('documents every field', () => {
    for (const t of contentTypes) walk(t.fields, (f) => expect(f.doc.length, `${t.name}.${f.name}`).toBeGreaterThan(10));
  });

  it('accepts the seed programme page unchanged', () => {
    const tree = tempTree();
    tree.write('program.md', readFileSync('../shared/seed/program.md'));
    const set = loadContent(tree.contentDir, tree.mediaDir);
    expect(errorsOf(set)).toEqual([]);
    const program = set.entries.find((e) => e.id === 'program')!;
    expect(program.url).toBe('/programme/');
    expect(program.data['title']).toBe('Pourquoi ce programme ?');
    expect((program.data['numbers'] as unknown[]).length).toBe(3);
  });

  for (const type of contentTypes) {
    it(`accepts a valid ${type.name} and rejects one with an empty required field`, () => {
      const tree = tempTree();
      const data = sampleData(type.fields);
      tree.write(fileOf(type), markdownFile(data));
      expect(errorsOf(loadContent(tree.contentDir, tree.mediaDir))).toEqual([]);

      const required = type.fields.find((f) => f.required !== false && !f.hidden && ['string', 'date', 'select'].includes(f.kind));
      if (!required) return;
      tree.write(fileOf(type), markdownFile({ ...data, [required.name]: '' }));
      const errors = errorsOf(loadContent(tree.contentDir, tree.mediaDir));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ file: fileOf(type), field: required.name });
      expect(errors[0]!.line).toBeGreaterThan(1);
    });
  }
});

describe('fields with a pattern (contact page)', () => {
  it('refuses a form service that is not https and an e-mail without domain, with the field named', () => {
    const type = fileType('contact');
    const tree = tempTree();
    tree.write(fileOf(type), markdownFile({ ...sampleData(type.fields), formAction: 'http://formulaires.exemple.fr/f/x', email: 'contact@' }));
    const errors = errorsOf(loadContent(tree.contentDir, tree.mediaDir));
    expect(errors.map((e) => [e.field, e.message])).toEqual([
      ['formAction', 'doit être une adresse commençant par https://'],
      ['email', 'doit être une adresse e-mail (nom@domaine.fr)'],
    ]);
    // Both are optional: left empty, nothing to say.
    tree.write(fileOf(type), markdownFile({ title: 'Contact' }));
    expect(errorsOf(loadContent(tree.contentDir, tree.mediaDir))).toEqual([]);
  });
});

describe('a page’s menu key', () => {
  it('names an entry of the main menu, else the check names the file, the field and the ids there are', () => {
    const type = fileType('team');
    const tree = tempTree();
    tree.write(fileOf(type), markdownFile({ ...sampleData(type.fields), menu: 'teams' }));
    const errors = errorsOf(loadContent(tree.contentDir, tree.mediaDir));
    expect(errors.map((e) => [e.file, e.field, e.message])).toEqual([
      [fileOf(type), 'menu', 'entrée de menu inconnue « teams » : attendu l’une de program, impact, participants, team, participate, contact'],
    ]);
    tree.write(fileOf(type), markdownFile({ ...sampleData(type.fields), menu: 'team' }));
    expect(errorsOf(loadContent(tree.contentDir, tree.mediaDir))).toEqual([]);
  });
});

describe('field rules', () => {
  const defis = folderType('defis');
  const base = () => ({ ...sampleData(defis.fields), themes: ['sante'], promos: ['promotion-1'], expertises: ['design'] });
  const withTerms = () => {
    const tree = tempTree();
    tree.write('themes/sante.md', markdownFile({ title: 'Santé' }, ''));
    tree.write('promos/promotion-1.md', markdownFile({ title: 'Promotion 1' }, ''));
    tree.write('expertises/design.md', markdownFile({ title: 'Design' }, ''));
    return tree;
  };

  it('reads a bare year as 1 January of that year, never 1970', () => {
    const tree = withTerms();
    tree.write('defis/annee.md', markdownFile({ ...base(), date: 2022 }));
    const set = loadContent(tree.contentDir, tree.mediaDir);
    expect(errorsOf(set)).toEqual([]);
    expect((set.entries.find((e) => e.id === 'annee')!.data['date'] as Date).toISOString()).toBe('2022-01-01T00:00:00.000Z');
  });

  it('trims strings and reports unknown keys as warnings', () => {
    const tree = withTerms();
    tree.write('defis/espaces.md', markdownFile({ ...base(), title: '  Titre avec espaces  ', couleur: 'bleu' }));
    const set = loadContent(tree.contentDir, tree.mediaDir);
    expect(set.entries.find((e) => e.id === 'espaces')!.data['title']).toBe('Titre avec espaces');
    const warning = set.issues.find((i) => i.field === 'couleur')!;
    expect(warning.severity).toBe('warning');
    expect(warning.message).toMatch(/clé inconnue/);
  });

  it('fails on an unknown relation slug, naming file, line, field and value', () => {
    const tree = withTerms();
    tree.write('defis/mauvais-lien.md', markdownFile({ ...base(), promos: ['promotion-1', 'promotion-9'] }));
    const errors = errorsOf(loadContent(tree.contentDir, tree.mediaDir));
    expect(errors).toHaveLength(1);
    expect(formatIssue(errors[0]!)).toMatch(/^defis\/mauvais-lien\.md:\d+: promos\[1\]: erreur : « promotion-9 »/);
  });

  it('rejects a date that is not one', () => {
    const tree = withTerms();
    tree.write('defis/date.md', markdownFile({ ...base(), date: 'hier' }));
    expect(errorsOf(loadContent(tree.contentDir, tree.mediaDir))[0]).toMatchObject({ field: 'date', file: 'defis/date.md' });
  });

  it('refuses a date outside 2016 – two years ahead (Decap typing 1907 for 2027), naming file, line and field', () => {
    const tree = withTerms();
    tree.write('defis/annee-1907.md', markdownFile({ ...base(), date: '1907-05-02' }));
    const far = new Date().getUTCFullYear() + 3;
    tree.write('defis/trop-loin.md', markdownFile({ ...base(), date: `${far}-01-15` }));
    tree.write('defis/bornes.md', markdownFile({ ...base(), date: '2016-01-01' }));
    tree.write('defis/bientot.md', markdownFile({ ...base(), date: `${far - 2}-01-15` }));
    const errors = errorsOf(loadContent(tree.contentDir, tree.mediaDir));
    expect(errors.map((e) => e.file).sort()).toEqual(['defis/annee-1907.md', 'defis/trop-loin.md']);
    expect(formatIssue(errors.find((e) => e.file === 'defis/annee-1907.md')!)).toMatch(/^defis\/annee-1907\.md:\d+: date: erreur : date hors de la période admise \(du 1 janvier 2016 au .+\) : vérifiez l’année$/);
  });

  it('lets a date field declare its own range (relative to today)', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    expect(dateBound('+0y', now).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(dateBound('+2y', now).toISOString()).toBe('2028-11-30T00:00:00.000Z');
    expect(dateRangeIssue(new Date('2026-11-30T00:00:00Z'), { min: '2016-01-01', max: '+0y' }, now)).toBeUndefined();
    expect(dateRangeIssue(new Date('2026-12-01T00:00:00Z'), { min: '2016-01-01', max: '+0y' }, now)).toMatch(/au 30 novembre 2026/);
    expect(dateRangeIssue(new Date('2015-12-31T00:00:00Z'), undefined, now)).toMatch(/du 1 janvier 2016 au 30 novembre 2028/);
  });

  it('rejects more related articles than allowed', () => {
    const tree = tempTree();
    const articles = folderType('articles');
    tree.write('blog/a.md', markdownFile({ ...sampleData(articles.fields), related: ['b', 'c', 'd'] }));
    const errors = errorsOf(loadContent(tree.contentDir, tree.mediaDir));
    expect(errors.some((e) => e.field === 'related' && /au plus 2/.test(e.message))).toBe(true);
  });

  it('rejects an unknown role', () => {
    const tree = tempTree();
    tree.write('personnes/p.md', markdownFile({ ...sampleData(folderType('personnes').fields), role: 'stagiaire' }));
    expect(errorsOf(loadContent(tree.contentDir, tree.mediaDir))[0]).toMatchObject({ field: 'role' });
  });

  it('gives the programme page its declared URL and defaults others', () => {
    const tree = tempTree();
    tree.write('cgu.md', markdownFile({ title: 'CGU', url: '/conditions' }));
    tree.write('contact.md', markdownFile({ title: 'Contact' }));
    const set = loadContent(tree.contentDir, tree.mediaDir);
    expect(set.entries.find((e) => e.id === 'cgu')!.url).toBe('/conditions/');
    expect(set.entries.find((e) => e.id === fileType('contact').name)!.url).toBe('/contact/');
  });
});

describe('programme page content', () => {
  it('is the editors’ seed file, unchanged', () => {
    const seed = '../shared/seed/program.md';
    if (!existsSync(seed)) { console.warn('../shared/seed absent : comparaison ignorée'); return; }
    expect(readFileSync('content/program.md').equals(readFileSync(seed))).toBe(true);
  });
});
