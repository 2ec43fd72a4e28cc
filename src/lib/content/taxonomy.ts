/**
 * Articles and taxonomy term pages, on top of query.ts (part of issue #3, public pages).
 * A term page lists what carries the term: défis (themes, promos, expertises), people (promos,
 * expertises) and articles (categories). Lists shared by many pages are read as derived facts
 * (derived.ts): a page depends on the list it shows, not on every entry the list comes from.
 */
import { all, defisWith, entriesById, entryById, fact, pagesOf, terms, type Defi, type Person, type Term, type TermCollection, type Typed } from './query.ts';
import type { ArticleData } from '../../content/model/index.ts';
import { pageOf, relatedOf, sortArticles } from './articles.ts';
import { BLOG_PAGES, CATEGORY_COUNTS, articlesWithKey, blogPageKey, peopleWithKey } from './derived.ts';

export type Article = Typed<ArticleData>;

/** Visible articles, newest first (depends on every article: prefer {@link blogPage}). */
export async function articles(): Promise<Article[]> {
  return sortArticles(await all('articles'));
}

/** Every article, hidden ones included (their page still exists, they are just not listed). */
export async function allArticles(): Promise<Article[]> {
  return all('articles');
}

/** The article pages' entries, for getStaticPaths (not recorded: see query.ts `pagesOf`). */
export const articlePages = (): Article[] => pagesOf('articles');

/** Number of pages of the article list. */
export const blogPageCount = (): number => fact(BLOG_PAGES, (f) => f.blogPages);

/** The articles of page `n` (1-based) of the article list, and the number of pages. */
export function blogPage(n: number): { shown: Article[]; total: number } {
  const total = blogPageCount();
  return { shown: fact(blogPageKey(n), (f) => pageOf(f.articles, n)), total };
}

/**
 * "Lire aussi" (articles.ts `relatedOf`), reading only the articles named in `related` (their
 * presence and visibility), not every article.
 */
export function relatedArticles(article: Article): Article[] {
  return relatedOf(entriesById('articles', article.data.related), article);
}

/** What carries one term. */
export interface TermContent { term: Term; defis: Defi[]; people: Person[]; articles: Article[] }

/** The term pages of a taxonomy, for getStaticPaths: their slugs (not recorded, see query.ts `pagesOf`). */
export const termSlugs = (collection: TermCollection): string[] => pagesOf(collection).map((t) => t.id);

/** What carries one term (undefined: no such term). */
export async function termPage(collection: TermCollection, slug: string): Promise<TermContent | undefined> {
  const term = entryById(collection, slug);
  if (!term) return undefined;
  return {
    term,
    defis: collection === 'categories' ? [] : await defisWith(collection, slug),
    people: collection === 'promos' || collection === 'expertises' ? fact(peopleWithKey(collection, slug), (f) => [...(f.peopleWith[collection].get(slug) ?? [])]) : [],
    articles: collection === 'categories' ? fact(articlesWithKey(slug), (f) => [...(f.articlesWith.get(slug) ?? [])]) : [],
  };
}

/** Blog categories with their number of visible articles, for the category filter. */
export async function categoriesWithCount(): Promise<{ term: Term; count: number }[]> {
  const counts = fact(CATEGORY_COUNTS, (f) => f.categoryCounts);
  return (await terms('categories')).map((term) => ({ term, count: counts.get(term.id) ?? 0 }));
}
