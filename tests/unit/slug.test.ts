import { describe, expect, it } from 'vitest';
import { slugFromFile, slugify } from '../../src/lib/content/slug.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { markdownFile, tempTree } from '../helpers/content-tree.ts';

describe('slugs (the previous site’s rule)', () => {
  it.each([
    ['karfu’r.md', 'karfur'],
    ['vigicr’ux.md', 'vigicrux'],
    ["l'appli.md", 'lappli'],
    ['brigade-numérique.md', 'brigade-numerique'],
    ['brigade-nume\u0301rique.md', 'brigade-numerique'], // decomposed (NFD) accent, as macOS writes it
    ['Défi Santé Publique.md', 'defi-sante-publique'],
    ['defis/Œuvres à l’école.md', 'oeuvres-a-lecole'],
    ['promotion-4.md', 'promotion-4'],
  ])('%s → %s', (file, slug) => {
    expect(slugFromFile(file)).toBe(slug);
  });

  it('gives the same slug to composed and decomposed forms of a name', () => {
    const composed = 'Sécurité';
    expect(slugify(composed.normalize('NFD'))).toBe(slugify(composed.normalize('NFC')));
    expect(slugify(composed.normalize('NFD'))).toBe('securite');
  });

  it('publishes a file with an accented or decomposed name at the ASCII URL', () => {
    const tree = tempTree();
    tree.write('promos/promotion-1.md', markdownFile({ title: 'Promotion 1' }, ''));
    tree.write('themes/sante.md', markdownFile({ title: 'Santé' }, ''));
    tree.write('expertises/design.md', markdownFile({ title: 'Design' }, ''));
    const defi = { title: 'Brigade', description: 'd', who: 'w', themes: ['sante'], promos: ['promotion-1'], town: 't', date: '2024-01-01', expertises: ['design'], image: 'img/x.svg' };
    tree.write('defis/brigade-nume\u0301rique.md', markdownFile(defi));
    tree.write('personnes/vigicr’ux.md', markdownFile({ title: 'P', job: 'j', role: 'participant', defis: ['brigade-numerique'], expertises: ['design'], image: 'img/p.svg' }));
    const set = loadContent(tree.contentDir, tree.mediaDir);
    expect(set.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(set.entries.find((e) => e.collection === 'defis')!.url).toBe('/defis/brigade-numerique/');
    expect(set.entries.find((e) => e.collection === 'personnes')!.url).toBe('/personnes/vigicrux/');
  });
});
