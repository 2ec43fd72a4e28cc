import { string } from './fields.ts';
import { url } from './common.ts';
import { termTypes, type TermType } from './collections.ts';
import { defineFolder, type FolderType } from './types.ts';
import { blogIndex, defisIndex } from './pages/lists.ts';

export { termTypes, type TermType };

const termFields = [
  string('title', 'Titre', 'Nom du terme, tel qu’il apparaît sur les étiquettes et les filtres.'),
  url,
] as const;

function term<const C extends TermType>(name: C, label: string, labelSingular: string, labelNew: string) {
  return defineFolder({ name, label, labelSingular, labelNew, folder: name, urlPrefix: `/${name}/`, titleField: 'title', fields: termFields });
}

/** Policy themes of défis (`/themes/<slug>/`). */
export const themes = term('themes', 'Thématiques', 'Thématique', 'Nouvelle thématique');
/** Skills of talents and défis (`/expertises/<slug>/`). */
export const expertises = term('expertises', 'Expertises', 'Expertise', 'Nouvelle expertise');
/** Yearly cohorts (`/promos/<slug>/`). */
export const promos = term('promos', 'Promotions', 'Promotion', 'Nouvelle promotion');
/** Blog categories (`/categories/<slug>/`). */
export const categories = term('categories', 'Catégories', 'Catégorie', 'Nouvelle catégorie');

/** The folder of each term type. */
export const termFolders: { readonly [T in TermType]: FolderType<T> } = { themes, expertises, promos, categories };

/**
 * The list page a term type's terms sort (its name in breadcrumbs), and for the défis' terms the
 * query parameter of the défis' filter (`/defis/?theme=<slug>`).
 */
export const termLists = {
  themes: { page: defisIndex, label: 'Défis', filter: 'theme' },
  expertises: { page: defisIndex, label: 'Défis', filter: 'expertise' },
  promos: { page: defisIndex, label: 'Défis', filter: 'promo' },
  categories: { page: blogIndex, label: 'Articles', filter: undefined },
} as const satisfies Record<TermType, { page: { url: string }; label: string; filter: string | undefined }>;

/** The term types a défi carries (its relation fields of the same names): those that sort the défis. */
export type DefiTermType = { [T in TermType]: (typeof termLists)[T]['page'] extends typeof defisIndex ? T : never }[TermType];
export const defiTermTypes = termTypes.filter((t): t is DefiTermType => termLists[t].page === defisIndex);
