import { describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';

type Node = ReturnType<typeof parseDocument>;
type Element = ReturnType<typeof DomUtils.findAll>[number];
const { textContent, getAttributeValue } = DomUtils;
/** Elements under `root` matching a tag name list (`'th, td'`) and an optional attribute test. */
const selectAll = (tags: string, root: Node | Element, test: (e: Element) => boolean = () => true): Element[] => {
  const names = tags.split(',').map((t) => t.trim());
  return DomUtils.findAll((e) => names.includes(e.name) && test(e), root.children);
};
const selectOne = (tags: string, root: Node | Element, test?: (e: Element) => boolean) => selectAll(tags, root, test)[0];
const attr = (e: Element, name: string) => getAttributeValue(e, name) ?? '';
import { loadContent } from '../../src/lib/content/load.ts';
import { markdownFile, tempTree } from '../helpers/content-tree.ts';
import { administrationsOverTime, defisPerPromo, defisPerTheme, talentsPerExpertise, talentsPerPromo } from '../../src/lib/figures/chart-series.ts';

describe('statistics on a known tree', () => {
  const tree = tempTree();
  for (const [slug, title] of [['sante', 'Santé'], ['culture', 'Culture']]) tree.write(`themes/${slug}.md`, markdownFile({ title }, ''));
  for (const n of [1, 2, 10]) tree.write(`promos/promotion-${n}.md`, markdownFile({ title: `Promotion ${n}` }, ''));
  tree.write('expertises/design.md', markdownFile({ title: 'Design' }, ''));
  tree.write('expertises/donnees.md', markdownFile({ title: 'Données' }, ''));
  const defi = (who: string, promos: string[], themes: string[], visible = true) =>
    markdownFile({ title: 'D', description: 'd', who, themes, promos, town: 'Paris', date: '2024-01-01', expertises: ['design'], image: 'img/x.png', visible });
  tree.write('defis/a.md', defi('Ministère A', ['promotion-1'], ['sante']));
  tree.write('defis/b.md', defi('ministère a ', ['promotion-2'], ['sante', 'culture']));
  tree.write('defis/c.md', defi('Ministère B', ['promotion-10'], ['culture']));
  tree.write('defis/d.md', defi('Ministère C', ['promotion-10'], ['culture'], false));
  const person = (role: string, promos: string[], expertises: string[]) => markdownFile({ title: 'P', job: 'j', role, promos, expertises, image: 'img/x.png' });
  tree.write('personnes/t1.md', person('participant', ['promotion-1'], ['design', 'donnees']));
  tree.write('personnes/t2.md', person('participant', ['promotion-10'], ['donnees']));
  tree.write('personnes/a1.md', person('agent-public', ['promotion-10'], ['design']));
  const { entries, issues } = loadContent(tree.contentDir, tree.mediaDir);

  it('loads', () => expect(issues.filter((i) => i.severity === 'error')).toEqual([]));
  it('counts visible défis per promotion, in numeric order', () => {
    expect(defisPerPromo(entries)).toEqual([{ label: 'Promotion 1', value: 1 }, { label: 'Promotion 2', value: 1 }, { label: 'Promotion 10', value: 1 }]);
  });
  it('counts défis per theme, most frequent first', () => {
    expect(defisPerTheme(entries)).toEqual([{ label: 'Culture', value: 2 }, { label: 'Santé', value: 2 }]);
  });
  it('counts talents (not agents) per expertise and per promotion', () => {
    expect(talentsPerExpertise(entries)).toEqual([{ label: 'Données', value: 2 }, { label: 'Design', value: 1 }]);
    expect(talentsPerPromo(entries)).toEqual([{ label: 'Promotion 1', value: 1 }, { label: 'Promotion 2', value: 0 }, { label: 'Promotion 10', value: 1 }]);
  });
  it('counts each administration once, at its first promotion', () => {
    expect(administrationsOverTime(entries)).toEqual([
      { label: 'Promotion 1', new: 1, total: 1 }, { label: 'Promotion 2', new: 0, total: 1 }, { label: 'Promotion 10', new: 1, total: 2 },
    ]);
  });
});

describe('/chiffres/ page', () => {
  const html = readFileSync(join(inject('distDir'), 'chiffres', 'index.html'), 'utf8');
  const doc = parseDocument(html);
  const { entries } = loadContent('content', 'media');
  const figures = selectAll('figure', doc);
  const tableOf = (id: string) => {
    const fig = figures.find((f) => selectOne('svg', f, (svg) => attr(svg, 'aria-labelledby').startsWith(`${id}-title`)))!;
    expect(fig, id).toBeDefined();
    return { fig, rows: selectAll('tbody', fig).flatMap((tb) => selectAll('tr', tb)).map((tr) => selectAll('th, td', tr).map((c) => textContent(c).trim())) };
  };
  const num = (s: string) => Number(s.replace(/\s/g, ''));

  it.each([
    ['defis-promo', defisPerPromo],
    ['defis-theme', defisPerTheme],
    ['talents-expertise', talentsPerExpertise],
    ['talents-promo', talentsPerPromo],
  ] as const)('%s: the table gives the numbers of the content', (id, fn) => {
    const expected = fn(entries);
    expect(expected.length).toBeGreaterThan(0);
    const { rows } = tableOf(id);
    expect(rows.map(([label, value]) => ({ label, value: num(value!) }))).toEqual(expected);
  });

  it('administrations over time: table and cumulative total', () => {
    const { rows } = tableOf('administrations');
    expect(rows.map(([label, n, t]) => ({ label, new: num(n!), total: num(t!) }))).toEqual(administrationsOverTime(entries));
  });

  it('draws every chart as an accessible SVG: role img, title and description, one bar or dot per row', () => {
    expect(figures.length).toBe(6);
    for (const fig of figures) {
      const svg = selectOne('svg', fig)!;
      expect(attr(svg, 'role')).toBe('img');
      const [titleId, descId] = attr(svg, 'aria-labelledby').split(' ');
      expect(textContent(selectOne('title', svg, (e) => attr(e, 'id') === titleId)!).length).toBeGreaterThan(5);
      expect(textContent(selectOne('desc', svg, (e) => attr(e, 'id') === descId)!).length).toBeGreaterThan(10);
      const rows = selectAll('tbody', fig).flatMap((tb) => selectAll('tr', tb));
      // A stacked chart (outcomes) has one segment per non-zero cell, the others one bar or dot per row.
      const stacked = attr(svg, 'aria-labelledby').startsWith('devenir-promo');
      const cells = rows.flatMap((tr) => selectAll('td', tr).slice(0, -1)).filter((td) => textContent(td).trim() !== '0').length;
      expect(selectAll('rect, circle', svg).length).toBe(stacked ? cells : rows.length);
      // Colours come from classes (DSFR variables), not inline styles (strict CSP, dark theme).
      expect(DomUtils.findAll((e) => 'style' in e.attribs || 'fill' in e.attribs, svg.children)).toEqual([]);
    }
  });

  it('outcomes per promotion: the table gives each status of the content, and the « non renseigné » count is stated', () => {
    const statuses = ['en-cours', 'perennise', 'repris', 'arrete', 'non-renseigne'];
    const visible = entries.filter((e) => e.collection === 'defis' && e.data['visible'] !== false);
    const statusOf = (d: (typeof visible)[number]) => String((d.data['outcome'] as Record<string, unknown> | undefined)?.['status'] ?? 'non-renseigne');
    const promos = entries.filter((e) => e.collection === 'promos').sort((a, b) => String(a.data['title']).localeCompare(String(b.data['title']), 'fr', { numeric: true }));
    const expected = promos.map((p) => {
      const ds = visible.filter((d) => (d.data['promos'] as string[]).includes(p.id));
      return [String(p.data['title']), ...statuses.map((s) => ds.filter((d) => statusOf(d) === s).length), ds.length];
    });
    const { fig, rows } = tableOf('devenir-promo');
    expect(rows.map(([label, ...ns]) => [label, ...ns.map((n) => num(n))])).toEqual(expected);
    expect(selectAll('th', fig, (e) => attr(e, 'scope') === 'col').map((th) => textContent(th))).toEqual(['Promotion', 'En cours', 'Pérennisé', 'Repris par une autre équipe', 'Arrêté', 'Non renseigné', 'Total']);
    const unknown = visible.filter((d) => statusOf(d) === 'non-renseigne').length;
    const block = selectOne('div', doc, (e) => 'data-outcome-unknown' in e.attribs)!;
    expect(textContent(block).replace(/\s+/g, ' ')).toContain(`${unknown} défi${unknown > 1 ? 's' : ''} sur ${visible.length}`);
  });

  it('states the share of défis that lived on, its definition and the minimum', () => {
    const visible = entries.filter((e) => e.collection === 'defis' && e.data['visible'] !== false);
    const st = (s: string) => visible.filter((d) => (d.data['outcome'] as Record<string, unknown> | undefined)?.['status'] === s).length;
    const known = st('perennise') + st('repris') + st('arrete');
    const text = textContent(selectOne('div', doc, (e) => 'data-outcome-share' in e.attribs)!).replace(/\s+/g, ' ');
    expect(known).toBeGreaterThanOrEqual(10);
    expect(text).toContain(`${Math.round(((st('perennise') + st('repris')) / known) * 100)} %`);
    expect(text).toContain(`parmi les défis dont le devenir est connu : ici ${known} (${st('perennise')} pérennisés`);
    expect(text).toContain('qu’à partir de 10 défis au devenir connu');
  });

  it('needs no client JavaScript of its own', () => {
    const scripts = selectAll('script', doc, (e) => 'src' in e.attribs).map((e) => attr(e, 'src'));
    const home = parseDocument(readFileSync(join(inject('distDir'), 'index.html'), 'utf8'));
    const common = new Set(selectAll('script', home, (e) => 'src' in e.attribs).map((e) => attr(e, 'src')));
    expect(scripts.filter((s) => !common.has(s))).toEqual([]);
  });
});
