/**
 * Search (Pagefind): the result types visitors filter by, and how a page declares its type.
 * A page passes `searchType` to Base.astro: its <main> becomes the indexed body
 * (`data-pagefind-body`) and carries the `type` filter. Pages without it are not indexed.
 */
import { roleFacts, roleValues, type Role } from '../content/model/index.ts';

/** The search type of a person's page: its role's (model/personnes.ts). */
type PersonSearchType = (typeof roleFacts)[Role]['searchType'];
export type SearchType = 'Défi' | PersonSearchType | 'Article';

const byRank = [...roleValues].sort((a, b) => roleFacts[a].rank - roleFacts[b].rank);

/** The filter values, in the order the results page shows them: défis, people by role rank, articles. */
export const SEARCH_TYPES: readonly SearchType[] = ['Défi', ...new Set(byRank.map((r): PersonSearchType => roleFacts[r].searchType)), 'Article'];

/** The search type of a person's page, from the person's role. */
export function personSearchType(role: Role): SearchType {
  return roleFacts[role].searchType;
}

/** Parts of indexed pages left out of the index (navigation aids repeated on every page). */
export const SEARCH_EXCLUDE = ['.fr-breadcrumb', '.fr-share', '.fr-pagination', '[data-pagefind-ignore]', 'script', 'style', 'svg'];
