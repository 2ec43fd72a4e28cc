import { image, markdown, number, relation, select, string, text } from './fields.ts';
import { url } from './common.ts';
import { defineFolder } from './types.ts';

/** The four roles a person can have; they decide which list shows the person. */
export const roles = [
  { label: 'Talent', value: 'participant' },
  { label: 'Équipe du programme', value: 'agent-programme' },
  { label: 'Membre de l’écosystème', value: 'agent-ecosysteme' },
  { label: 'Agent public', value: 'agent-public' },
] as const;
export type Role = (typeof roles)[number]['value'];

/** A person: talent, public agent, programme team member or ecosystem member. */
export const personnes = defineFolder({
  name: 'personnes',
  label: 'Personnes',
  labelSingular: 'Personne',
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
