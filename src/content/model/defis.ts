import { boolean, date, image, markdown, object, relation, select, string, text } from './fields.ts';
import { publishAt, url } from './common.ts';
import { defineFolder } from './types.ts';

/**
 * What became of a défi, in the order the site shows them (badges, filters, charts). Only
 * « pérennisé », « repris » and « arrêté » are known outcomes (lib/figures/outcomes.ts): a défi « en cours »
 * has none yet and « non renseigné » says nobody told us.
 */
export const outcomeStatuses = [
  { label: 'En cours', value: 'en-cours' },
  { label: 'Pérennisé', value: 'perennise' },
  { label: 'Repris par une autre équipe', value: 'repris' },
  { label: 'Arrêté', value: 'arrete' },
  { label: 'Non renseigné', value: 'non-renseigne' },
] as const;
export type OutcomeStatus = (typeof outcomeStatuses)[number]['value'];
/** The status of a défi whose outcome nobody has entered (absent `outcome`, legacy défis). */
export const OUTCOME_UNKNOWN: OutcomeStatus = 'non-renseigne';

/** A défi's `outcome`: optional; when absent its status is « non renseigné ». */
export const outcome = object('outcome', 'Devenir du défi', 'Ce que le défi est devenu après le programme. Affiché sur la page du défi et sa carte, compté dans « Le programme en chiffres ».', [
  select('status', 'Statut', 'En cours : le défi est encore relevé. Pérennisé : l’administration fait vivre le produit. Repris par une autre équipe : une autre administration ou équipe l’a repris. Arrêté : le produit n’est plus maintenu. Non renseigné : devenir inconnu.', outcomeStatuses, { default: OUTCOME_UNKNOWN }),
  date('since', 'Depuis le', 'Date à laquelle le défi a pris ce statut (au plus la date du jour).', { required: false, range: { min: '2016-01-01', max: '+0y' } }),
  string('product', 'Adresse du service', 'Adresse complète du service en ligne issu du défi, commençant par https://.', { required: false, format: 'https' }),
  string('code', 'Code source', 'Adresse complète du dépôt du code source sur une forge (GitLab, GitHub…), commençant par https://.', { required: false, format: 'https' }),
  text('note', 'Note', 'Une ou deux phrases sur ce que le défi est devenu : qui le fait vivre, pour qui, avec quels résultats.', { required: false }),
], { required: false });

/** A défi: a project an administration takes on with a team of talents for 10 months. */
export const defis = defineFolder({
  name: 'defis',
  label: 'Défis',
  labelSingular: 'Défi',
  labelNew: 'Nouveau défi',
  folder: 'defis',
  urlPrefix: '/defis/',
  titleField: 'title',
  fields: [
    string('title', 'Titre', 'Nom court du défi, tel qu’il apparaît sur les cartes.'),
    text('description', 'Description', 'Une ou deux phrases qui résument l’ambition du défi.'),
    string('who', 'Administration', 'Administration qui porte le défi (nom complet, sigle entre parenthèses).'),
    string('place', 'Établissement', 'Service ou établissement d’accueil, s’il diffère de l’administration.', { required: false }),
    relation('themes', 'Thématiques', 'Thématiques de politique publique du défi.', 'themes'),
    relation('promos', 'Promotions', 'Promotion(s) pendant laquelle le défi a été relevé.', 'promos'),
    string('town', 'Lieu', 'Ville (avec code postal) où travaille l’équipe.'),
    date('date', 'Date de publication', 'Date de mise en ligne ; les défis les plus récents sont montrés en premier.'),
    relation('expertises', 'Expertises', 'Compétences des talents recherchés pour le défi.', 'expertises'),
    image('image', 'Image', 'Pictogramme ou logo du défi, montré sur la carte et en tête de page.'),
    image('ogImage', 'Image de partage (1200 × 627 px)', 'Image montrée quand la page est partagée sur les réseaux sociaux.', { required: false }),
    markdown('body', 'Contenu', 'Présentation complète du défi : problématique, objectifs, résultats.'),
    outcome,
    publishAt,
    boolean('visible', 'Visible', 'Affiche le défi dans les listes du site.', { hidden: true, default: true, required: false }),
    url,
  ],
});
