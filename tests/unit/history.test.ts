/**
 * The history's pure parts (backoffice/history/): which entry a request names (no path outside
 * the model's folders), which fields changed between two versions (by their labels), the body's
 * line-then-word comparison, its HTML, French dates, and the status bar's link.
 */
import { describe, expect, it } from 'vitest';
import { entryOfPath, entryRef, historyLink } from '../../backoffice/history/entries.ts';
import { fieldChanges, parseVersion, textBlocks, valueText } from '../../backoffice/history/changes.ts';
import { blocksHtml, frenchList, when } from '../../backoffice/history/html.ts';
import { comparisonHtml } from '../../backoffice/history/page.ts';
import { historyHref } from '../../backoffice/admin/status-banner.ts';

const defi = (o: { title?: string; description?: string; themes?: string[]; body?: string; extra?: string } = {}) => `---
title: ${o.title ?? 'Cantine locale'}
description: ${o.description ?? 'Des repas de saison.'}
themes:
${(o.themes ?? ['sante']).map((t) => `  - ${t}`).join('\n')}
${o.extra ?? ''}---
${o.body ?? 'Premier paragraphe.\n\nDeuxième paragraphe.\n'}`;

describe('entryRef: an entry of the model, never a path outside its folder', () => {
  it('maps a collection and slug to its file, accented slugs included', () => {
    expect(entryRef('defis', 'cantine-locale')?.path).toBe('content/defis/cantine-locale.md');
    expect(entryRef('defis', 'brigade-nume\u0301rique')?.path).toBe('content/defis/brigade-numérique.md');
    expect(entryRef('articles', 'appel-a-defis-demo-2026')?.path).toBe('content/blog/appel-a-defis-demo-2026.md');
    expect(entryRef('pages', 'home')?.path).toBe('content/_index.md');
  });
  it.each([
    ['defis', '../personnes/x'], ['defis', '..'], ['defis', 'a/b'], ['defis', '.git'], ['defis', '_index'], ['defis', 'A'],
    ['defis', 'x\\y'], ['defis', 'x.md'], ['defis', '-x'], ['defis', ''], ['inconnue', 'x'], ['pages', '../../etc/passwd'],
    ['pages', 'inconnue'], ['__proto__', 'x'], ['defis', 'x'.repeat(101)], ['defis', 'x\n'],
  ])('refuses %s / %j', (collection, slug) => {
    expect(entryRef(collection, slug)).toBeUndefined();
  });
  it('refuses what is not a string', () => {
    expect(entryRef(['defis'], 'x')).toBeUndefined();
    expect(entryRef('defis', null)).toBeUndefined();
  });
  it('finds the entry of a repository path, and back', () => {
    expect(entryOfPath('content/defis/cantine-locale.md')).toMatchObject({ collection: 'defis', slug: 'cantine-locale' });
    expect(entryOfPath('content/defis/_index.md')).toMatchObject({ collection: 'pages', slug: 'impact' });
    expect(entryOfPath('media/x.png')).toBeUndefined();
    expect(historyLink({ collection: 'defis', slug: 'brigade-numérique' })).toBe('/admin/historique/?collection=defis&slug=brigade-num%C3%A9rique');
  });
});

describe('fieldChanges: the fields that changed, by their labels', () => {
  const fields = entryRef('defis', 'x')!.fields;
  const labels = (a: string, b: string | undefined) => fieldChanges(fields, parseVersion(a), parseVersion(b)).map((c) => c.label);

  it('names each changed field by its label, in the model’s order', () => {
    expect(labels(defi(), defi({ description: 'Des repas locaux.', title: 'Cantine' }))).toEqual(['Titre', 'Description']);
  });
  it('sees a list changed and the body changed', () => {
    expect(labels(defi(), defi({ themes: ['sante', 'culture'] }))).toEqual(['Thématiques']);
    expect(labels(defi(), defi({ body: 'Premier paragraphe.\n\nDeuxième, revu.\n' }))).toEqual(['Contenu']);
  });
  it('says nothing for the same data written differently', () => {
    expect(labels(defi(), defi().replace('title: Cantine locale', 'title: "Cantine locale"'))).toEqual([]);
  });
  it('names a key the model does not know by its key, and a field removed', () => {
    const changes = fieldChanges(fields, parseVersion(defi({ extra: 'legacy: 1\n' })), parseVersion(defi()));
    expect(changes).toEqual([{ key: 'legacy', label: 'legacy', before: '1', after: undefined }]);
  });
  it('a new entry: every field it has is a change from nothing', () => {
    expect(labels('', defi()).length).toBeGreaterThan(0);
    expect(fieldChanges(fields, undefined, parseVersion(defi()))[0]).toMatchObject({ label: 'Titre', before: undefined, after: 'Cantine locale' });
  });
  it('writes values for an editor', () => {
    expect(valueText(['a', 'b'])).toBe('a\nb');
    expect(valueText(true)).toBe('oui');
    expect(valueText({ status: 'repris' })).toBe('status: repris');
    expect(valueText('')).toBeUndefined();
  });
});

describe('textBlocks: lines, then words inside a changed passage', () => {
  it('compares a changed line word by word', () => {
    const blocks = textBlocks('Le chat dort.\n', 'Le chien dort.\n');
    expect(blocks).toEqual([{ kind: 'changed', pieces: [
      { kind: 'same', text: 'Le ' }, { kind: 'removed', text: 'chat' }, { kind: 'added', text: 'chien' }, { kind: 'same', text: ' dort.\n' },
    ] }]);
  });
  it('folds long unchanged runs, keeping two lines of context', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `ligne ${i + 1}`);
    const after = [...lines];
    after[10] = 'ligne onze';
    const blocks = textBlocks(`${lines.join('\n')}\n`, `${after.join('\n')}\n`);
    expect(blocks.flatMap((b) => (b.kind === 'same' && b.folded ? [b.folded] : []))).toEqual([8, 7]);
    const html = blocksHtml(blocks);
    expect(html).toContain('… 8 lignes inchangées …');
    expect(html).toContain('ligne 9\nligne 10\n');
    expect(html).toContain('<del><span class="fr-sr-only">[supprimé : </span>11<span class="fr-sr-only">]</span></del>');
    expect(html).toContain('<ins><span class="fr-sr-only">[ajouté : </span>onze<span class="fr-sr-only">]</span></ins>');
  });
  it('a passage rewritten almost whole: the old text struck out whole, then the new one', () => {
    expect(textBlocks('Aider les cantines à acheter local.\n', 'Des repas de saison, cuisinés sur place.\n')).toEqual([{ kind: 'changed', pieces: [
      { kind: 'removed', text: 'Aider les cantines à acheter local.\n' }, { kind: 'added', text: 'Des repas de saison, cuisinés sur place.\n' },
    ] }]);
  });
  it('an added paragraph is one addition', () => {
    expect(textBlocks('A\n', 'A\nB\n')).toEqual([{ kind: 'same', text: 'A\n', folded: 0 }, { kind: 'changed', pieces: [{ kind: 'added', text: 'B\n' }] }]);
  });
  it('escapes HTML in a comparison', () => {
    const html = comparisonHtml(entryRef('defis', 'x')!, defi(), defi({ title: '<script>alert(1)</script>' }));
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(comparisonHtml(entryRef('defis', 'x')!, defi(), defi())).toContain('identiques');
  });
});

describe('French words', () => {
  it('dates in Europe/Paris, « à 14 h 32 »', () => {
    expect(when('2026-12-02T13:32:00Z')).toBe('2 décembre 2026 à 14 h 32');
    expect(when('2026-07-01T06:05:00Z')).toBe('1 juillet 2026 à 8 h 05');
  });
  it('lists with « et »', () => {
    expect(frenchList(['Titre'])).toBe('Titre');
    expect(frenchList(['Titre', 'Description', 'Texte'])).toBe('Titre, Description et Texte');
  });
  it('the status bar links to the history of the entry in the editor', () => {
    expect(historyHref('#/collections/defis/entries/brigade-num%C3%A9rique')).toBe('/admin/historique/?collection=defis&slug=brigade-num%C3%A9rique');
    expect(historyHref('#/collections/defis')).toBe('/admin/historique/');
    expect(historyHref('')).toBe('/admin/historique/');
  });
});
