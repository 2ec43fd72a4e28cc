/**
 * The names of the collections (content types of many entries), declared once: `fields.ts`
 * (relations), `terms.ts` (the term types' folders) and every module that walks the term types
 * read them here. A leaf module, so that the field vocabulary and the types can both import it.
 */

/** The term types (taxonomies), in back-office order: each has a folder, a page per term (`/<type>/<slug>/`). */
export const termTypes = ['themes', 'expertises', 'promos', 'categories'] as const;
export type TermType = (typeof termTypes)[number];

/** Names of the collections a relation can point to. */
export type CollectionName = 'defis' | 'articles' | 'personnes' | TermType;

/** Whether a collection is a term type. */
export const isTermType = (name: string): name is TermType => (termTypes as readonly string[]).includes(name);
