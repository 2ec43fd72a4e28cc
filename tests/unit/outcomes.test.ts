import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { folderType } from '../../src/content/model/index.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { formatIssue } from '../../src/lib/content/issues.ts';
import { MIN_KNOWN_OUTCOMES, outcomeOf, outcomeShare } from '../../src/lib/figures/outcomes.ts';
import { keyNumber, metricNames, resolveKeyNumber } from '../../src/lib/figures/metrics.ts';
import { expandShortcodes } from '../../src/lib/markdown/shortcodes.ts';
import { renderMarkdown } from '../../src/lib/markdown/render.ts';
import { cmsField } from '../../backoffice/admin/decap-config.ts';
import { runImport } from '../../src/lib/import/run.ts';
import { markdownFile, sampleData, tempTree } from '../helpers/content-tree.ts';

const defis = folderType('defis');
const errorsOf = (set: ReturnType<typeof loadContent>) => set.issues.filter((i) => i.severity === 'error');

/** A tree with the terms a défi needs and the given défis (slug → outcome, or undefined for none). */
function treeWith(outcomes: Record<string, Record<string, unknown> | undefined>, extra: Record<string, unknown> = {}) {
  const tree = tempTree();
  tree.write('themes/sante.md', markdownFile({ title: 'Santé' }, ''));
  tree.write('promos/promotion-1.md', markdownFile({ title: 'Promotion 1' }, ''));
  tree.write('expertises/design.md', markdownFile({ title: 'Design' }, ''));
  for (const [slug, outcome] of Object.entries(outcomes)) {
    const data: Record<string, unknown> = { ...sampleData(defis.fields), themes: ['sante'], promos: ['promotion-1'], expertises: ['design'], ...extra };
    if (outcome) data['outcome'] = outcome; else delete data['outcome'];
    tree.write(`defis/${slug}.md`, markdownFile(data));
  }
  return tree;
}
const load = (tree: ReturnType<typeof tempTree>) => loadContent(tree.contentDir, tree.mediaDir);
const isoToday = (days = 0) => { const d = new Date(); d.setUTCDate(d.getUTCDate() + days); return d.toISOString().slice(0, 10); };

describe('outcome in the content model', () => {
  it('accepts a full outcome and an absent one (« non renseigné »)', () => {
    const set = load(treeWith({
      a: { status: 'perennise', since: '2024-06-01', product: 'https://service.exemple.fr/', code: 'https://forge.exemple.fr/eig/a', note: 'Repris en interne.' },
      b: undefined,
    }));
    expect(errorsOf(set)).toEqual([]);
    const a = outcomeOf(set.entries.find((e) => e.id === 'a')!.data);
    expect(a).toMatchObject({ status: 'perennise', product: 'https://service.exemple.fr/', code: 'https://forge.exemple.fr/eig/a', note: 'Repris en interne.' });
    expect(a.since?.toISOString().slice(0, 10)).toBe('2024-06-01');
    expect(outcomeOf(set.entries.find((e) => e.id === 'b')!.data).status).toBe('non-renseigne');
    // The default is in the validated data itself (open data, templates), not only in outcomeOf.
    expect(set.entries.find((e) => e.id === 'b')!.data['outcome']).toEqual({ status: 'non-renseigne' });
  });

  it('rejects an unknown status at file:line: field, naming the allowed values', () => {
    const errors = errorsOf(load(treeWith({ a: { status: 'termine' } })));
    expect(errors).toHaveLength(1);
    expect(formatIssue(errors[0]!)).toMatch(/^defis\/a\.md:\d+: outcome\.status: erreur : valeur inconnue \(attendu : en-cours, perennise, repris, arrete, non-renseigne\)/);
    expect(errors[0]!.line).toBeGreaterThan(1);
  });

  it.each([
    ['product', 'http://service.exemple.fr/'],
    ['product', 'service.exemple.fr'],
    ['code', 'javascript:alert(1)'],
    ['code', 'https://'],
  ])('rejects a non-https address in outcome.%s (%s)', (field, value) => {
    const errors = errorsOf(load(treeWith({ a: { status: 'perennise', [field]: value } })));
    expect(errors.map((e) => e.field)).toContain(`outcome.${field}`);
    const e = errors.find((x) => x.field === `outcome.${field}`)!;
    expect(formatIssue(e)).toMatch(new RegExp(`^defis/a\\.md:\\d+: outcome\\.${field}: erreur : adresse invalide.*https://`));
  });

  it('rejects a date in the future, accepts today', () => {
    const future = errorsOf(load(treeWith({ a: { status: 'perennise', since: isoToday(30) } })));
    expect(future).toHaveLength(1);
    expect(formatIssue(future[0]!)).toMatch(/^defis\/a\.md:\d+: outcome\.since: erreur : date dans le futur/);
    expect(errorsOf(load(treeWith({ a: { status: 'perennise', since: isoToday() } })))).toEqual([]);
  });

  it('gives the back-office a select with French labels and « non renseigné » first chosen, and https patterns', () => {
    const field = cmsField(defis.fields.find((f) => f.name === 'outcome')!);
    expect(field).toMatchObject({ widget: 'object', label: 'Devenir du défi', required: false });
    const status = field.fields!.find((f) => f.name === 'status')!;
    expect(status.widget).toBe('select');
    expect(status.default).toBe('non-renseigne');
    expect(status.options!.map((o) => o.label)).toEqual(['En cours', 'Pérennisé', 'Repris par une autre équipe', 'Arrêté', 'Non renseigné']);
    for (const name of ['product', 'code']) {
      const f = field.fields!.find((x) => x.name === name)!;
      expect(f.hint).toMatch(/https:\/\//);
      const re = new RegExp(f.pattern![0]);
      expect(re.test('https://forge.exemple.fr/eig/a')).toBe(true);
      expect(re.test('http://forge.exemple.fr/')).toBe(false);
    }
  });
});

describe('share of défis that lived on', () => {
  /** n défis of each status (plus hidden ones, which never count). */
  function set(counts: Partial<Record<string, number>>, hidden = 0) {
    const outcomes: Record<string, Record<string, unknown> | undefined> = {};
    for (const [status, n] of Object.entries(counts)) for (let i = 0; i < n!; i++) outcomes[`${status}-${i}`] = status === 'absent' ? undefined : { status };
    const tree = treeWith(outcomes);
    for (let i = 0; i < hidden; i++) tree.write(`defis/cache-${i}.md`, markdownFile({ ...sampleData(defis.fields), themes: ['sante'], promos: ['promotion-1'], expertises: ['design'], visible: false, outcome: { status: 'perennise' } }));
    const s = load(tree);
    expect(errorsOf(s)).toEqual([]);
    return s.entries;
  }

  it('counts pérennisé and repris among known outcomes only; en cours and non renseigné apart', () => {
    const entries = set({ perennise: 6, repris: 3, arrete: 3, 'en-cours': 4, 'non-renseigne': 2, absent: 5 }, 3);
    const s = outcomeShare(entries);
    expect(s).toMatchObject({ total: 23, known: 12, livedOn: 9, percent: 75, enough: true });
    expect(s.byStatus).toEqual({ 'en-cours': 4, perennise: 6, repris: 3, arrete: 3, 'non-renseigne': 7 });
    expect(resolveKeyNumber('auto:defis-perennises', entries)).toBe('75 %');
    expect(keyNumber(' auto:defis-perennises ', entries)).toEqual({ text: '75 %', complete: true });
  });

  it(`replaces the figure by a sentence below ${MIN_KNOWN_OUTCOMES} known outcomes`, () => {
    const entries = set({ perennise: MIN_KNOWN_OUTCOMES - 2, arrete: 1, 'non-renseigne': 30 });
    const k = keyNumber('auto:defis-perennises', entries);
    expect(k.complete).toBe(false);
    expect(k.text).toMatch(/^Données incomplètes : le devenir n’est connu que pour 9 défis \(il en faut au moins 10/);
    expect(k.text).not.toMatch(/%/);
    // At the minimum exactly, the figure is given.
    expect(keyNumber('auto:defis-perennises', set({ perennise: MIN_KNOWN_OUTCOMES - 1, arrete: 1 })).text).toBe('90 %');
  });

  it('says « 0 » known outcomes without dividing by zero', () => {
    const s = outcomeShare(set({ 'en-cours': 2 }));
    expect(s).toMatchObject({ known: 0, percent: undefined, enough: false });
    expect(resolveKeyNumber('auto:defis-perennises', set({ 'en-cours': 2 }))).toMatch(/connu que pour 0 défi /);
  });

  it('is listed among the auto: metrics', () => {
    expect(metricNames).toContain('defis-perennises');
  });
});

describe('{{< chiffre >}} shortcode', () => {
  it('prints the computed figure when the build gives it, escaped', () => {
    const html = renderMarkdown('Ainsi, {{< chiffre defis-perennises >}} des défis durent.', { metric: (n) => (n === 'defis-perennises' ? '82 %' : undefined) }).html;
    expect(html).toBe('<p>Ainsi, <span class="eig-figure">82 %</span> des défis durent.</p>\n');
    expect(renderMarkdown('{{< chiffre talents >}}', { metric: () => '<b>1</b>' }).html).toContain('&lt;b&gt;1&lt;/b&gt;');
  });

  it('says what it will print where the content is not at hand (back-office preview)', () => {
    expect(renderMarkdown('{{< chiffre defis-perennises >}}').html).toContain('[chiffre calculé à la publication : defis-perennises]');
  });

  it('reports an unknown metric with its line and never shows the raw shortcode (issue #19)', () => {
    const { text, problems } = expandShortcodes('Intro\n\n{{< chiffre defis-perennise >}}');
    expect(problems).toEqual([{ line: 3, message: expect.stringMatching(/raccourci chiffre sans chiffre connu.*defis-perennises/) }]);
    expect(text).not.toMatch(/\{\{|&lt;|defis-perennise/);
  });

  it('prints the demo figure in the demo article (the programme page stays as typed)', () => {
    const article = readFileSync('content/blog/publication-du-rapport-d-activite-demo.md', 'utf8');
    expect(article).toContain('{{< chiffre defis-perennises >}}');
    expect(readFileSync('content/program.md', 'utf8')).not.toContain('{{< chiffre');
  });
});

describe('demo content', () => {
  const set = loadContent('content', 'media');
  const visible = set.entries.filter((e) => e.collection === 'defis' && e.data['visible'] !== false);

  it('has one défi of each status at least, across promotions, and enough known outcomes for a figure', () => {
    const statuses = new Set(visible.map((d) => outcomeOf(d.data).status));
    expect([...statuses].sort()).toEqual(['arrete', 'en-cours', 'non-renseigne', 'perennise', 'repris']);
    const promosWithKnown = new Set(visible.filter((d) => ['perennise', 'repris', 'arrete'].includes(outcomeOf(d.data).status)).flatMap((d) => d.data['promos'] as string[]));
    expect(promosWithKnown.size).toBeGreaterThanOrEqual(3);
    expect(outcomeShare(set.entries).enough).toBe(true);
  });
});

describe('import: legacy défis get « non renseigné », counted in the report', () => {
  it('writes outcome.status: non-renseigne to each défi and one default-value finding each', () => {
    const root = mkdtempSync(join(tmpdir(), 'eig-legacy-'));
    const write = (p: string, text: string) => { mkdirSync(dirname(join(root, p)), { recursive: true }); writeFileSync(join(root, p), text); };
    const fm = (title: string) => `---\ntitle: ${title}\ndescription: Un défi fictif\nwho: Ministère de l’Exemple\ntown: Paris\ndate: 2019-01-01\nthemes: [Santé]\npromos: [Promotion 1]\nexpertises: [Design]\nimage: img/p.svg\n---\nTexte.\n`;
    write('content/themes/sante.md', '---\ntitle: Santé\n---\n');
    write('content/promos/promotion-1.md', '---\ntitle: Promotion 1\n---\n');
    write('content/expertises/design.md', '---\ntitle: Design\n---\n');
    write('content/defis/un.md', fm('Un'));
    write('content/defis/deux.md', fm('Deux'));
    write('static/img/p.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const out = mkdtempSync(join(tmpdir(), 'eig-import-'));
    const { report } = runImport(root, out);
    for (const slug of ['un', 'deux']) expect(readFileSync(join(out, 'content', 'defis', `${slug}.md`), 'utf8')).toMatch(/\noutcome:\n {2}status: non-renseigne\n/);
    const found = report.findings.filter((f) => f.kind === 'default-value');
    expect(found.map((f) => [f.file, f.field, f.result]).sort()).toEqual([['defis/deux.md', 'outcome.status', 'non-renseigne'], ['defis/un.md', 'outcome.status', 'non-renseigne']]);
    expect(report.counts()['default-value']).toBe(2);
    const set = loadContent(join(out, 'content'), join(out, 'media'));
    expect(errorsOf(set)).toEqual([]);
    expect(outcomeShare(set.entries).byStatus['non-renseigne']).toBe(2);
  });
});
