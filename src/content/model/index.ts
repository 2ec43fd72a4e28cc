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
import type { CollectionName } from './fields.ts';

export * from './fields.ts';
export * from './types.ts';
export { roles, type Role } from './personnes.ts';
export { outcomeStatuses, OUTCOME_UNKNOWN, type OutcomeStatus } from './defis.ts';

/** Every collection of many entries, in back-office order. */
export const folderTypes: readonly FolderType[] = [defis, articles, personnes, themes, expertises, promos, categories];

/** Every single page, in back-office order. */
export const fileTypes: readonly FileType[] = [
  home, personalData, accessibility, cgu, press, sitemap, cookies, contact, defisIndex, blogIndex, team, talents, agents,
  program, participate, candidates, postuler, candidatesFaq, administrations, proposer, administrationsFaq,
];

export const contentTypes: readonly ContentType[] = [...folderTypes, ...fileTypes];

export function folderType(name: CollectionName): FolderType {
  const t = folderTypes.find((f) => f.name === name);
  if (!t) throw new Error(`Unknown collection ${name}`);
  return t;
}

export function fileType(name: string): FileType {
  const t = fileTypes.find((f) => f.name === name);
  if (!t) throw new Error(`Unknown page ${name}`);
  return t;
}
