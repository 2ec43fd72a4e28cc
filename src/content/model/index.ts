import { articles } from './articles.ts';
import { defis } from './defis.ts';
import { personnes } from './personnes.ts';
import { categories, expertises, promos, themes } from './terms.ts';
import { home } from './pages/home.ts';
import { program } from './pages/program.ts';
import { agents, blogIndex, defisIndex, talents, team } from './pages/lists.ts';
import { accessibility, cgu, contact, cookies, personalData, press, sitemap } from './pages/legal.ts';
import { administrations, administrationsFaq, candidates, candidatesFaq, participate, postuler, proposer } from './pages/participate.ts';
import type { ContentType, FileType, FolderType } from './types.ts';
import type { CollectionName, DataOf } from './fields.ts';

export * from './fields.ts';
export * from './types.ts';
export { termTypes, termFolders, termLists, defiTermTypes, type TermType, type DefiTermType } from './terms.ts';
export { isTermType } from './collections.ts';
export { roleFacts, roleValues, roles, type Role, type RoleFacts } from './personnes.ts';
export { outcomeStatuses, OUTCOME_UNKNOWN, type OutcomeStatus } from './defis.ts';

const folderTuple = [defis, articles, personnes, themes, expertises, promos, categories] as const;
const fileTuple = [
  home, personalData, accessibility, cgu, press, sitemap, cookies, contact, defisIndex, blogIndex, team, talents, agents,
  program, participate, candidates, postuler, candidatesFaq, administrations, proposer, administrationsFaq,
] as const;

/** Every collection of many entries, in back-office order. */
export const folderTypes: readonly FolderType[] = folderTuple;

/** Every single page, in back-office order. */
export const fileTypes: readonly FileType<PageName>[] = fileTuple;

/** The name of a single page (`home`, `program`, `candidats-faq`…). */
export type PageName = (typeof fileTuple)[number]['name'];

/**
 * The data of each collection's entries, by collection name, derived from the model
 * (`CollectionData['defis']` is `DataOf<typeof defis>`).
 */
export type CollectionData = { [T in (typeof folderTuple)[number] as T['name']]: DataOf<T> };

/** The data of each single page, by page name, derived from the model (`PageData['home']`). */
export type PageData = { [T in (typeof fileTuple)[number] as T['name']]: DataOf<T> };

// The data types the code names, one alias each, all derived from the model above.
/** A défi's front matter (model/defis.ts). */
export type DefiData = CollectionData['defis'];
/** A person's front matter (model/personnes.ts). */
export type PersonData = CollectionData['personnes'];
/** A term's front matter: theme, expertise, promotion or category (model/terms.ts). */
export type TermData = CollectionData['themes'];
/** An article's front matter (model/articles.ts). */
export type ArticleData = CollectionData['articles'];

export const contentTypes: readonly ContentType[] = [...folderTypes, ...fileTypes];

export function folderType(name: CollectionName): FolderType {
  const t = folderTypes.find((f) => f.name === name);
  if (!t) throw new Error(`Unknown collection ${name}`);
  return t;
}

export function fileType(name: string): FileType<PageName> {
  const t = fileTypes.find((f) => f.name === name);
  if (!t) throw new Error(`Unknown page ${name}`);
  return t;
}
/** The candidates' call page (model/pages/participate.ts). */
export type CandidatesData = PageData['candidates'];
/** The administrations' call page. */
export type AdministrationsData = PageData['admins'];
/** How to apply. */
export type PostulerData = PageData['postuler'];
/** How to propose a défi. */
export type ProposerData = PageData['proposer'];
/** A FAQ page (both FAQ pages share their fields). */
export type FaqData = PageData['candidats-faq'];
/** The home page (model/pages/home.ts). */
export type HomeData = PageData['home'];
/** The programme page (model/pages/program.ts). */
export type ProgramData = PageData['program'];
/** The programme team page (model/pages/lists.ts). */
export type TeamData = PageData['team'];
