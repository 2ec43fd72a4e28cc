/**
 * Articles of the blog as pure functions over plain entries (unit-testable without Astro):
 * order, pagination and "Lire aussi". `taxonomy.ts` feeds them the Astro collections.
 */
import type { ArticleData } from '../../content/model/index.ts';
import { isVisible, lookup, type Related } from './relations.ts';
import { blogIndex } from '../../content/model/pages/lists.ts';

export type { ArticleData };

/** Articles per page of `/blog/`. */
export const PAGE_SIZE = 8;

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** Visible articles, newest first (then by title). */
export function sortArticles<E extends Related<ArticleData>>(articles: readonly E[]): E[] {
  return articles.filter(isVisible).sort((a, b) => b.data.date.getTime() - a.data.date.getTime() || collator.compare(a.data.title, b.data.title));
}

/** URL of page `n` (1-based) of the article list: `/blog/`, then `/blog/page/2/`… */
export const blogPageUrl = (n: number): string => (n <= 1 ? blogIndex.url : `${blogIndex.url}page/${n}/`);

/** Number of pages of the article list (at least 1, so the first page always exists). */
export const pageCount = (total: number, size = PAGE_SIZE): number => Math.max(1, Math.ceil(total / size));

/** The articles of page `n` (1-based). */
export function pageOf<E>(sorted: readonly E[], n: number, size = PAGE_SIZE): E[] {
  return sorted.slice((n - 1) * size, n * size);
}

/** "Lire aussi": the visible articles an article names in `related` (at most 2), itself excluded. */
export function relatedOf<E extends Related<ArticleData>>(all: readonly E[], article: E): E[] {
  return lookup(all, article.data.related).filter((a) => a.id !== article.id && isVisible(a)).slice(0, 2);
}
