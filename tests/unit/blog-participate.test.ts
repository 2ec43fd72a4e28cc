import { describe, expect, it } from 'vitest';
import { blogPageUrl, pageCount, pageOf, relatedOf, sortArticles, type ArticleData } from '../../src/lib/content/articles.ts';
import { callDocument, callState } from '../../src/lib/content/participate.ts';
import { buildSiteMap } from '../../src/lib/content/site-map-tree.ts';
import { formatDate, isoDay } from '../../src/lib/dates.ts';

const art = (id: string, date: string, extra: Partial<ArticleData> = {}) => ({
  id, data: { title: id.toUpperCase(), author: 'A', date: new Date(date), description: '', image: '', categories: [], related: [], visible: true, ...extra },
});

describe('articles', () => {
  const list = [art('b', '2024-01-02'), art('a', '2025-03-01'), art('c', '2024-01-02'), art('hidden', '2026-01-01', { visible: false })];

  it('sorts newest first, then by title, without hidden ones', () => {
    expect(sortArticles(list).map((a) => a.id)).toEqual(['a', 'b', 'c']);
  });

  it('paginates by 8 with /blog/ then /blog/page/N/', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(8)).toBe(1);
    expect(pageCount(9)).toBe(2);
    expect(blogPageUrl(1)).toBe('/blog/');
    expect(blogPageUrl(3)).toBe('/blog/page/3/');
    const twenty = Array.from({ length: 20 }, (_, i) => i);
    expect(pageOf(twenty, 3)).toEqual([16, 17, 18, 19]);
  });

  it('"Lire aussi": listed related articles in order, itself and hidden ones excluded, 2 at most', () => {
    const me = art('me', '2024-01-01', { related: ['a', 'me', 'hidden', 'unknown', 'b', 'c'] });
    expect(relatedOf([...list, me], me).map((a) => a.id)).toEqual(['a', 'b']);
  });
});

describe('call state (participer pages)', () => {
  const apply = { title: 'Postuler', url: '/postuler/' };
  const wait = { title: 'Prochaine promotion', desc: 'Bientôt' };

  it('shows the apply button while open', () => {
    expect(callState(true, apply, wait)).toEqual({ kind: 'apply', label: 'Postuler', href: '/postuler/' });
  });
  it('shows the wait block once closed, never the button', () => {
    expect(callState(false, apply, wait)).toEqual({ kind: 'wait', title: 'Prochaine promotion', desc: 'Bientôt' });
  });
  it('shows nothing when the needed values are missing', () => {
    expect(callState(true, { title: 'Postuler' }, wait)).toEqual({ kind: 'none' });
    expect(callState(false, apply, { desc: '' })).toEqual({ kind: 'none' });
  });
  it('links the call document through the media URL', () => {
    expect(callDocument({ title: 'Appel', url: 'img/a.pdf' }, (v) => `/${v}`)).toEqual({ label: 'Appel', href: '/img/a.pdf' });
    expect(callDocument({ title: 'Appel', url: 'img/missing.pdf' }, () => undefined)).toBeUndefined();
    expect(callDocument({ url: 'img/a.pdf' }, (v) => v)).toBeUndefined();
  });
});

describe('site map', () => {
  it('nests pages by URL, groups entries without a parent page, puts home first', () => {
    const tree = buildSiteMap([
      { url: '/participer/candidats/faq/', title: 'FAQ' },
      { url: '/participer/', title: 'Participer' },
      { url: '/participer/candidats/', title: 'Candidats' },
      { url: '/', title: 'Accueil' },
      { url: '/themes/sante/', title: 'Santé', collection: 'themes' },
      { url: '/personnes/ana/', title: 'Ana', collection: 'personnes', group: '/talents/' },
      { url: '/talents/', title: 'Talents' },
      { url: '/contact/', title: 'Contact' },
    ], ['/talents/', '/participer/', '/contact/'], (c) => `Groupe ${c}`);
    expect(tree.map((n) => n.title)).toEqual(['Accueil', 'Talents', 'Participer', 'Contact', 'Groupe themes']);
    expect(tree[1]!.children.map((n) => n.url)).toEqual(['/personnes/ana/']);
    expect(tree[2]!.children[0]!.children.map((n) => n.title)).toEqual(['FAQ']);
    expect(tree[4]!.url).toBeUndefined();
  });
});

describe('French dates', () => {
  it('uses Intl, in UTC (content dates are calendar days)', () => {
    const d = new Date('2025-11-03T00:00:00Z');
    expect(formatDate(d)).toBe('3 novembre 2025');
    expect(isoDay(d)).toBe('2025-11-03');
  });
});
