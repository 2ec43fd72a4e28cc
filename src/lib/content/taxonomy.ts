/**
 * Articles and taxonomy term pages, on top of query.ts (part of issue #3, public pages).
 * A term page lists what carries the term: défis (themes, promos, expertises), people (promos,
 * expertises) and articles (categories).
 */
import { all, defisWith, people, terms, type Defi, type Person, type Term, type TermCollection, type Typed } from './query.ts';
import type { ArticleData } from '../../content/model/index.ts';
import { sortArticles } from './articles.ts';
import { byTitle, withTerm } from './relations.ts';

export type Article = Typed<ArticleData>;

/** Visible articles, newest first. */
export async function articles(): Promise<Article[]> {
  return sortArticles(await all('articles'));
}

/** Every article, hidden ones included (their page still exists, they are just not listed). */
export async function allArticles(): Promise<Article[]> {
  return all('articles');
}

/** What carries one term. */
export interface TermContent { term: Term; defis: Defi[]; people: Person[]; articles: Article[] }

/** Every term of a taxonomy with what carries it: one term page each. */
export async function termPages(collection: TermCollection): Promise<TermContent[]> {
  const list = await terms(collection);
  const everyone = collection === 'promos' || collection === 'expertises' ? (await people()).sort(byTitle) : [];
  const posts = collection === 'categories' ? await articles() : [];
  return Promise.all(list.map(async (term) => ({
    term,
    defis: collection === 'categories' ? [] : await defisWith(collection, term.id),
    people: withTerm(everyone, collection, term.id),
    articles: withTerm(posts, 'categories', term.id),
  })));
}

/** Blog categories with their number of visible articles, for the category filter. */
export async function categoriesWithCount(): Promise<{ term: Term; count: number }[]> {
  const posts = await articles();
  return (await terms('categories')).map((term) => ({ term, count: withTerm(posts, 'categories', term.id).length }));
}
