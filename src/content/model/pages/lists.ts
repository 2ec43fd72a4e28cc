import { boolean, image, object, string, text } from '../fields.ts';
import { pageMeta } from '../common.ts';
import { defineFile } from '../types.ts';

const titleDesc = [
  string('title', 'Titre', 'Titre de la page.'),
  text('desc', 'Description', 'Texte d’introduction de la page.'),
];

/** The list of défis (`/defis/`), its intro text. */
export const defisIndex = defineFile({
  name: 'impact', label: 'Défis', file: 'defis/_index.md', url: '/defis/',
  fields: [...titleDesc, boolean('visible', 'Visible', 'Réservé au site.', { required: false, hidden: true }), ...pageMeta],
});

/** The list of articles (`/blog/`): its title and optional intro. */
export const blogIndex = defineFile({
  name: 'blog', label: 'Articles (liste)', file: 'blog/_index.md', url: '/blog/',
  fields: [
    string('title', 'Titre', 'Titre de la page des articles.'),
    text('desc', 'Description', 'Texte d’introduction de la page des articles.', { required: false }),
    boolean('visible', 'Visible', 'Réservé au site.', { required: false, hidden: true }),
    ...pageMeta,
  ],
});

/** The list of talents (`/talents/`). */
export const talents = defineFile({
  name: 'talents', label: 'Talents', file: 'talents.md', url: '/talents/',
  fields: [...titleDesc, ...pageMeta],
});

/** The list of public agents (`/agents/`). */
export const agents = defineFile({
  name: 'agents', label: 'Agents', file: 'agents.md', url: '/agents/',
  fields: [...titleDesc, ...pageMeta],
});

/** The programme team and ecosystem (`/equipe/`). */
export const team = defineFile({
  name: 'team', label: 'Équipe', file: 'team.md', url: '/equipe/',
  fields: [
    ...titleDesc,
    text('introProg', 'Introduction : équipe du programme', 'Présentation de l’équipe du programme.'),
    text('introEco', 'Introduction : écosystème', 'Présentation des membres de l’écosystème.'),
    object('join', 'Rejoindre', 'Bloc « rejoindre l’équipe » en bas de page.', [
      image('image', 'Image', 'Photo du bloc.'),
      string('title', 'Titre', 'Titre du bloc.'),
      text('desc', 'Description', 'Texte du bloc.'),
      string('link', 'Adresse du bouton', 'Adresse du bouton du bloc.'),
    ]),
    ...pageMeta,
  ],
});
