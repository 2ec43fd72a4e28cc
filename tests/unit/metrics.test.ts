import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadContent } from '../../src/lib/content/load.ts';
import { formatIssue } from '../../src/lib/content/issues.ts';
import { computeMetrics, metricNames, normalizeAdministration, resolveKeyNumber } from '../../src/lib/figures/metrics.ts';
import { markdownFile, tempTree } from '../helpers/content-tree.ts';

/** Front matter of every .md file of a folder, read with the yaml library only (independent of the loader). */
function frontMatters(dir: string): Record<string, unknown>[] {
  let names: string[] = [];
  try { names = readdirSync(dir).filter((n) => n.endsWith('.md') && !n.startsWith('_')); } catch { return []; }
  return names.map((n) => (parse(readFileSync(join(dir, n), 'utf8').split(/^---\s*$/m)[1] ?? '') ?? {}) as Record<string, unknown>);
}

describe('key figures on the demo content', () => {
  const set = loadContent('content', 'media');
  const m = computeMetrics(set.entries);
  const defis = frontMatters('content/defis').filter((d) => d['visible'] !== false);
  const people = frontMatters('content/personnes');

  it('counts talents and agents by role', () => {
    expect(m.talents).toBe(people.filter((p) => p['role'] === 'participant').length);
    expect(m.agents).toBe(people.filter((p) => p['role'] === 'agent-public').length);
  });

  it('counts visible défis, promotions, articles and terms', () => {
    expect(m.defis).toBe(defis.length);
    expect(m.promotions).toBe(frontMatters('content/promos').length);
    expect(m.articles).toBe(frontMatters('content/blog').filter((a) => a['visible'] !== false).length);
    expect(m.thematiques).toBe(frontMatters('content/themes').length);
    expect(m.expertises).toBe(frontMatters('content/expertises').length);
  });

  it('counts distinct administrations, ignoring accents, case and spaces', () => {
    // Independent normalisation: Latin-1 accents stripped by a character table.
    const plain = (s: string) => s.toLowerCase().replace(/[àâä]/g, 'a').replace(/[éèêë]/g, 'e').replace(/[îï]/g, 'i').replace(/[ôö]/g, 'o').replace(/[ùûü]/g, 'u').replace(/ç/g, 'c').replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
    const distinct = new Set(defis.map((d) => d['who']).filter((w): w is string => typeof w === 'string' && w.trim() !== '').map(plain));
    expect(m.administrations).toBe(distinct.size);
  });
});

describe('key figures on a known tree', () => {
  const tree = tempTree();
  tree.write('themes/sante.md', markdownFile({ title: 'Santé' }, ''));
  tree.write('promos/promo-1.md', markdownFile({ title: 'Promo 1' }, ''));
  tree.write('promos/promo-2.md', markdownFile({ title: 'Promo 2' }, ''));
  tree.write('expertises/design.md', markdownFile({ title: 'Design' }, ''));
  const defi = (who: string, visible = true) => markdownFile({ title: 'D', description: 'd', who, themes: ['sante'], promos: ['promo-1'], town: 'Paris', date: '2024-01-01', expertises: ['design'], image: 'img/x.png', visible });
  tree.write('defis/a.md', defi('Ministère de l’Intérieur'));
  tree.write('defis/b.md', defi('  ministere de l\'interieur '));
  tree.write('defis/c.md', defi('MINISTÈRE  DE LA CULTURE'));
  tree.write('defis/d.md', defi('Cour des comptes', false));
  const person = (role: string) => markdownFile({ title: 'P', job: 'j', role, expertises: ['design'], image: 'img/x.png' });
  tree.write('personnes/t1.md', person('participant'));
  tree.write('personnes/t2.md', person('participant'));
  tree.write('personnes/a1.md', person('agent-public'));
  tree.write('personnes/e1.md', person('agent-programme'));
  const set = loadContent(tree.contentDir, tree.mediaDir);

  it('loads without errors', () => expect(set.issues.filter((i) => i.severity === 'error')).toEqual([]));

  it('computes each metric', () => {
    expect(computeMetrics(set.entries)).toEqual({ talents: 2, agents: 1, defis: 3, administrations: 2, promotions: 2, articles: 0, thematiques: 1, expertises: 1 });
  });

  it('normalises administration names', () => {
    expect(normalizeAdministration(' Ministère  de l’Économie ')).toBe(normalizeAdministration("ministere de l'economie"));
    expect(normalizeAdministration('Ministère A')).not.toBe(normalizeAdministration('Ministère B'));
  });

  it('resolves auto numbers and keeps typed ones', () => {
    expect(resolveKeyNumber('auto:talents', set.entries)).toBe('2');
    expect(resolveKeyNumber(' auto:administrations ', set.entries)).toBe('2');
    expect(resolveKeyNumber('173', set.entries)).toBe('173');
    expect(resolveKeyNumber('plus de 50 %', set.entries)).toBe('plus de 50 %');
    expect(() => resolveKeyNumber('auto:talent', set.entries)).toThrow(/auto:talent.*auto:talents/);
  });

  it('groups thousands the French way', () => {
    const big = Array.from({ length: 1234 }, (_, i) => ({ collection: 'personnes', id: `p${i}`, data: { role: 'participant' } }));
    expect(resolveKeyNumber('auto:talents', big)).toBe(new Intl.NumberFormat('fr-FR').format(1234));
  });

  it('reports an unknown metric with file, line and field', () => {
    const t = tempTree();
    t.write('program.md', readFileSync('content/program.md', 'utf8').replace(/num: "?[^"\n]+"?/, 'num: auto:talentz'));
    const errors = loadContent(t.contentDir, t.mediaDir).issues.filter((i) => i.severity === 'error' && i.field === 'numbers[0].num');
    expect(errors).toHaveLength(1);
    expect(formatIssue(errors[0]!)).toMatch(/^program\.md:\d+: numbers\[0\]\.num: erreur : chiffre automatique inconnu « auto:talentz »/);
  });

  it('lists every metric in the field doc of the back-office', async () => {
    const { program } = await import('../../src/content/model/pages/program.ts');
    const numbers = program.fields.find((f) => f.name === 'numbers');
    const num = numbers && numbers.kind === 'list' ? numbers.fields.find((f) => f.name === 'num') : undefined;
    for (const name of metricNames) expect(num?.doc).toContain(`auto:${name}`);
  });
});
