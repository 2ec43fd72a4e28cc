/**
 * Facts derived from several entries, each with its own key and fingerprint (reads.ts `D …`):
 * a page that shows one of them (the articles of page 3 of the blog, the people of a promotion,
 * the number of articles of each category) depends on that fact, not on every field of every
 * entry it was computed from. Pure functions over plain entries (query.ts feeds them the
 * current version, unrecorded, and fingerprints every fact of it).
 */
import type { ArticleData, PersonData } from '../../content/model/index.ts';
import { pageCount, pageOf, sortArticles } from './articles.ts';
import { byTitle, slugsOf, type Related } from './relations.ts';

/** The term fields of a person that a term page lists people by. */
export const PEOPLE_TERM_FIELDS = ['promos', 'expertises'] as const;
export type PeopleTermField = typeof PEOPLE_TERM_FIELDS[number];

export const factKey = (name: string, arg?: string | number) => (arg === undefined ? `D ${name}` : `D ${name} ${arg}`);
/** Keys of the facts (see {@link derivedFacts}). */
export const BLOG_PAGES = factKey('blog-pages');
export const blogPageKey = (n: number) => factKey('blog-page', n);
export const articlesWithKey = (category: string) => factKey('articles-categories', category);
export const peopleWithKey = (field: PeopleTermField, slug: string) => factKey(`people-${field}`, slug);
export const CATEGORY_COUNTS = factKey('category-counts');

export interface DerivedFacts<A, P> {
  /** Visible articles, newest first (sortArticles). */
  articles: readonly A[];
  /** Number of pages of the article list. */
  blogPages: number;
  /** Visible articles carrying each category, newest first. */
  articlesWith: ReadonlyMap<string, readonly A[]>;
  /** People carrying each promo / expertise, by name. */
  peopleWith: Readonly<Record<PeopleTermField, ReadonlyMap<string, readonly P[]>>>;
  /** Number of visible articles of each category. */
  categoryCounts: ReadonlyMap<string, number>;
  /** The fingerprint of every fact, by key. */
  prints: ReadonlyMap<string, string>;
}

/** The entries carrying each slug of `field`, in the order of `entries` (relations.ts `withTerm` for every slug, in one pass). */
const group = <E extends Related<object>>(entries: readonly E[], field: string): Map<string, E[]> => {
  const out = new Map<string, E[]>();
  for (const e of entries) for (const s of new Set(slugsOf((e.data as Record<string, unknown>)[field]))) { const l = out.get(s); if (l) l.push(e); else out.set(s, [e]); }
  return out;
};

/** Every fact of one version of the content; `hash` makes a fingerprint of a text. */
export function derivedFacts<A extends Related<ArticleData>, P extends Related<PersonData>>(allArticles: readonly A[], people: readonly P[], hash: (s: string) => string): DerivedFacts<A, P> {
  const articles = sortArticles(allArticles);
  const blogPages = pageCount(articles.length);
  const articlesWith = group(articles, 'categories');
  const byName = [...people].sort(byTitle);
  const peopleWith = { promos: group(byName, 'promos'), expertises: group(byName, 'expertises') };
  const categoryCounts = new Map([...articlesWith].map(([s, l]) => [s, l.length]));
  const ids = (l: readonly { id: string }[]) => hash(l.map((e) => e.id).join('\n'));
  const prints = new Map<string, string>([[BLOG_PAGES, String(blogPages)]]);
  for (let n = 1; n <= blogPages; n++) prints.set(blogPageKey(n), ids(pageOf(articles, n)));
  for (const [s, l] of articlesWith) prints.set(articlesWithKey(s), ids(l));
  for (const f of PEOPLE_TERM_FIELDS) for (const [s, l] of peopleWith[f]) prints.set(peopleWithKey(f, s), ids(l));
  prints.set(CATEGORY_COUNTS, hash([...categoryCounts].sort(([a], [b]) => a.localeCompare(b)).map(([s, c]) => `${s}=${c}`).join('\n')));
  return { articles, blogPages, articlesWith, peopleWith, categoryCounts, prints };
}
