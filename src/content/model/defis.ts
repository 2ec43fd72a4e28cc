import { boolean, date, image, markdown, relation, string, text } from './fields.ts';
import { url } from './common.ts';
import type { FolderType } from './types.ts';

/** A défi: a project an administration takes on with a team of talents for 10 months. */
export const defis: FolderType = {
  kind: 'folder',
  name: 'defis',
  label: 'Défis',
  labelSingular: 'Défi',
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
    boolean('visible', 'Visible', 'Affiche le défi dans les listes du site.', { hidden: true, default: true, required: false }),
    url,
  ],
};
