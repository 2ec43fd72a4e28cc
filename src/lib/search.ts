/**
 * Search (Pagefind): the result types visitors filter by, and how a page declares its type.
 * A page passes `searchType` to Base.astro: its <main> becomes the indexed body
 * (`data-pagefind-body`) and carries the `type` filter. Pages without it are not indexed.
 */
import type { Role } from '../content/model/index.ts';

/** The filter values, in the order the results page shows them. */
export const SEARCH_TYPES = ['Défi', 'Talent', 'Agent public', 'Équipe et écosystème', 'Article'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** The search type of a person's page, from the person's role. */
export function personSearchType(role: Role | string): SearchType {
  if (role === 'participant') return 'Talent';
  if (role === 'agent-public') return 'Agent public';
  return 'Équipe et écosystème';
}

/** Parts of indexed pages left out of the index (navigation aids repeated on every page). */
export const SEARCH_EXCLUDE = ['.fr-breadcrumb', '.fr-share', '.fr-pagination', '[data-pagefind-ignore]', 'script', 'style', 'svg'];
