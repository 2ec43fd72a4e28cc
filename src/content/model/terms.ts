import { string } from './fields.ts';
import { url } from './common.ts';
import type { CollectionName } from './fields.ts';
import { defineFolder } from './types.ts';

const termFields = [
  string('title', 'Titre', 'Nom du terme, tel qu’il apparaît sur les étiquettes et les filtres.'),
  url,
] as const;

function term<const C extends CollectionName>(name: C, label: string, labelSingular: string) {
  return defineFolder({ name, label, labelSingular, folder: name, urlPrefix: `/${name}/`, titleField: 'title', fields: termFields });
}

/** Policy themes of défis (`/themes/<slug>/`). */
export const themes = term('themes', 'Thématiques', 'Thématique');
/** Skills of talents and défis (`/expertises/<slug>/`). */
export const expertises = term('expertises', 'Expertises', 'Expertise');
/** Yearly cohorts (`/promos/<slug>/`). */
export const promos = term('promos', 'Promotions', 'Promotion');
/** Blog categories (`/categories/<slug>/`). */
export const categories = term('categories', 'Catégories', 'Catégorie');
