import { image, list, markdown, object, string, text } from '../fields.ts';
import { pageMeta } from '../common.ts';
import { defineFile } from '../types.ts';
import { metricNames } from '../metrics.ts';

/** The programme page (`/programme/`). */
export const program = defineFile({
  name: 'program',
  label: 'Programme',
  file: 'program.md',
  url: '/programme/',
  fields: [
    image('image', 'Image de couverture', 'Grande photo en tête de page.'),
    text('title', 'Titre', 'Titre de la page.'),
    markdown('desc', 'Description', 'Présentation du programme sous le titre.'),
    list('numbers', 'Chiffres clés', 'Trois chiffres clés, chacun avec un bouton facultatif.', [
      string('num', 'Nombre', `Le chiffre affiché en grand. Écrivez un nombre pour l’afficher tel quel, ou un chiffre calculé à chaque publication à partir du contenu : ${metricNames.map((m) => `auto:${m}`).join(', ')} (les administrations sont comptées une fois malgré les différences d’accents, de majuscules ou d’espaces).`),
      string('title', 'Titre', 'Ce que le chiffre compte.'),
      string('btnTitle', 'Texte du bouton', 'Texte du bouton sous le chiffre.', { required: false }),
      string('btnUrl', 'Adresse du bouton', 'Adresse du bouton ; sans adresse, pas de bouton.', { required: false }),
    ], { max: 3, summary: '{{fields.title}} : {{fields.num}}' }),
    object('how', 'Comment ça marche', 'Fonctionnement du programme.', [
      markdown('desc', 'Description', 'Texte de la section.'),
    ]),
    object('steps', 'Phases', 'Les phases du programme, dans l’ordre.', [
      text('title', 'Titre', 'Titre de la section des phases.'),
      list('list', 'Liste', 'Une entrée par phase.', [
        image('icon', 'Pictogramme', 'Pictogramme de la phase.'),
        string('step', 'Phase', 'Numéro de la phase (ex. Phase 1).'),
        string('duration', 'Durée', 'Durée de la phase (ex. 5 mois).'),
        string('title', 'Titre', 'Nom de la phase.'),
        string('dates', 'Dates', 'Période de la phase (ex. septembre-février).'),
        text('desc', 'Description', 'Ce qui se passe pendant la phase.'),
      ], { summary: '{{fields.step}} — {{fields.title}}' }),
    ]),
    object('then', 'Et après', 'Ce que deviennent les talents et les défis.', [
      markdown('desc', 'Description', 'Texte de la section.'),
    ]),
    object('quote', 'Citation', 'Citation en bas de page.', [
      image('photo', 'Photo', 'Portrait de l’auteur ou de l’autrice.'),
      string('quote', 'Citation', 'Le texte cité.'),
      string('name', 'Nom', 'Auteur ou autrice de la citation.'),
      string('desc', 'Description', 'Source de la citation (œuvre, fonction).'),
    ]),
    ...pageMeta,
  ],
});
