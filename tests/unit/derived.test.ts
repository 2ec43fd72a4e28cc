/**
 * Facts derived from several entries (src/lib/content/derived.ts): the lists shared by many pages
 * (a page of the blog, a category's articles, a promotion's people, the count per category), each
 * with its own fingerprint — the long-lived renderer renders a page showing one of them when, and
 * only when, that list changes.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CATEGORY_COUNTS, articlesWithKey, blogPageKey, derivedFacts, peopleWithKey } from '../../src/lib/content/derived.ts';
import type { PersonData, Related } from '../../src/lib/content/relations.ts';
import type { ArticleData } from '../../src/content/model/index.ts';
import { PAGE_SIZE } from '../../src/lib/content/articles.ts';

const hash = (s: string) => createHash('sha1').update(s).digest('base64');
const article = (id: string, date: string, categories: string[], extra: Partial<ArticleData> = {}): Related<ArticleData> => ({
  id, data: { title: id, author: '', date: new Date(date), description: '', image: '', categories, related: [], visible: true, ...extra },
});
const person = (id: string, title: string, promos: string[]): Related<PersonData> => ({
  id, data: { title, job: '', role: 'participant', promos, defis: [], expertises: [], image: '' },
});

const articles = Array.from({ length: PAGE_SIZE + 2 }, (_, i) => article(`a${i}`, `2024-01-${String(i + 1).padStart(2, '0')}`, i % 2 ? ['pair'] : ['impair', 'pair']));
const people = [person('p1', 'Zoé', ['promo-1']), person('p2', 'Alix', ['promo-1', 'promo-2']), person('p3', 'Marc', ['promo-2'])];

describe('faits dérivés', () => {
  it('donne les listes comme les pages les montrent', () => {
    const f = derivedFacts(articles, people, hash);
    expect(f.blogPages).toBe(2);
    expect(f.articles.slice(0, 2).map((a) => a.id)).toEqual([`a${PAGE_SIZE + 1}`, `a${PAGE_SIZE}`]);
    expect(f.articlesWith.get('impair')?.map((a) => a.id)).toEqual(['a8', 'a6', 'a4', 'a2', 'a0']);
    expect(f.peopleWith.promos.get('promo-1')?.map((p) => p.id)).toEqual(['p2', 'p1']);
    expect(f.categoryCounts.get('pair')).toBe(PAGE_SIZE + 2);
  });

  it('change l’empreinte d’un fait quand sa liste change, pas celle des autres', () => {
    const before = derivedFacts(articles, people, hash).prints;
    // The oldest article hidden: page 2 and the counts change, page 1 does not.
    const hidden = derivedFacts(articles.map((a) => (a.id === 'a0' ? { ...a, data: { ...a.data, visible: false } } : a)), people, hash).prints;
    expect(hidden.get(blogPageKey(2))).not.toBe(before.get(blogPageKey(2)));
    expect(hidden.get(blogPageKey(1))).toBe(before.get(blogPageKey(1)));
    expect(hidden.get(CATEGORY_COUNTS)).not.toBe(before.get(CATEGORY_COUNTS));
    expect(hidden.get(articlesWithKey('impair'))).not.toBe(before.get(articlesWithKey('impair')));
    // A person renamed so that the order by name changes: that promotion's list only.
    const renamed = derivedFacts(articles, people.map((p) => (p.id === 'p1' ? { ...p, data: { ...p.data, title: 'Aaron' } } : p)), hash).prints;
    expect(renamed.get(peopleWithKey('promos', 'promo-1'))).not.toBe(before.get(peopleWithKey('promos', 'promo-1')));
    expect(renamed.get(peopleWithKey('promos', 'promo-2'))).toBe(before.get(peopleWithKey('promos', 'promo-2')));
    expect(renamed.get(CATEGORY_COUNTS)).toBe(before.get(CATEGORY_COUNTS));
  });
});
