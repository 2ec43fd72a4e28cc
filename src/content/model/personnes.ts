import { image, markdown, number, relation, select, string, text } from './fields.ts';
import { url } from './common.ts';
import { defineFolder } from './types.ts';
import { agents, talents, team } from './pages/lists.ts';

/** What the site does with one role (see {@link roleFacts}). */
export interface RoleFacts {
  /** The role's name in the back-office and on a person's page (French). */
  label: string;
  /** The name on a person's card of a term page, where space is short. */
  short: string;
  /** The list page that shows people of this role, and its name in breadcrumbs. */
  list: { page: { url: string }; label: string };
  /** The search result type of the person's page (its filter value on /recherche/). */
  searchType: string;
  /** Rank in a défi's team (smallest first) and in the search filters. */
  rank: number;
}

/**
 * The four roles a person can have, in back-office order: each decides which list shows the
 * person, how the person is named on cards, found in search and ranked in a défi's team.
 */
export const roleFacts = {
  participant: { label: 'Talent', short: 'Talent', list: { page: talents, label: 'Talents' }, searchType: 'Talent', rank: 0 },
  'agent-programme': { label: 'Équipe du programme', short: 'Équipe du programme', list: { page: team, label: 'Équipe' }, searchType: 'Équipe et écosystème', rank: 2 },
  'agent-ecosysteme': { label: 'Membre de l’écosystème', short: 'Écosystème', list: { page: team, label: 'Équipe' }, searchType: 'Équipe et écosystème', rank: 3 },
  'agent-public': { label: 'Agent public', short: 'Agent public', list: { page: agents, label: 'Agents publics' }, searchType: 'Agent public', rank: 1 },
} as const satisfies Record<string, RoleFacts>;
export type Role = keyof typeof roleFacts;

/** Every role, in back-office order (Object.keys keeps the declaration order of these keys). */
export const roleValues = Object.keys(roleFacts) as Role[];

/** The options of the back-office's role select (label and value only). */
export const roles = roleValues.map((value) => ({ label: roleFacts[value].label, value }));

/** A person: talent, public agent, programme team member or ecosystem member. */
export const personnes = defineFolder({
  name: 'personnes',
  label: 'Personnes',
  labelSingular: 'Personne',
  labelNew: 'Nouvelle personne',
  folder: 'personnes',
  urlPrefix: '/personnes/',
  titleField: 'title',
  fields: [
    string('title', 'Nom', 'Prénom et nom de la personne.'),
    string('job', 'Poste', 'Métier ou fonction, affiché sous le nom.'),
    text('desc', 'Description', 'Courte présentation affichée sur la page de la personne.', { required: false }),
    relation('promos', 'Promotions', 'Promotion(s) auxquelles la personne a participé.', 'promos', { required: false }),
    select('role', 'Rôle', 'Décide de la liste où la personne apparaît (talents, agents, équipe).', roles),
    relation('defis', 'Défis', 'Défis auxquels la personne a participé.', 'defis', { required: false }),
    relation('expertises', 'Expertises', 'Domaines d’expertise de la personne.', 'expertises'),
    image('image', 'Image', 'Portrait de la personne (format carré de préférence).'),
    string('linkedin', 'LinkedIn', 'Adresse complète du profil LinkedIn, si la personne le souhaite.', { required: false }),
    string('github', 'GitHub', 'Adresse complète du profil GitHub, si la personne le souhaite.', { required: false }),
    markdown('body', 'Contenu', 'Parcours et mots de la personne.'),
    number('weight', 'Ordre d’affichage', 'Ordre d’affichage dans la page Équipe : les plus petits d’abord.', { required: false }),
    url,
  ],
});
