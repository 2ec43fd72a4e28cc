import { boolean, image, list, object, relation, string, text } from '../fields.ts';
import { pageMeta } from '../common.ts';
import { defineFile } from '../types.ts';

const button = (doc: string) =>
  object('btn', 'Bouton', doc, [
    string('title', 'Texte du bouton', 'Texte du bouton.', { required: false }),
    string('url', 'Adresse du bouton', 'Adresse vers laquelle mène le bouton.', { required: false }),
  ], { required: false });

/** The home page (`/`). */
export const home = defineFile({
  name: 'home',
  label: 'Accueil',
  file: '_index.md',
  url: '/',
  fields: [
    string('title', 'Titre', 'Titre de la page dans l’onglet du navigateur.', { required: false, hidden: true }),
    object('hero', 'Bandeau d’accueil', 'Bandeau d’accueil en haut de page.', [
      text('title', 'Titre', 'Grand titre du bandeau (un retour à la ligne est conservé).'),
      image('image', 'Image', 'Photo du bandeau, à droite du titre sur ordinateur, sous le titre sur téléphone (paysage, 1 600 px de large au moins ; le texte reste hors de la photo). Facultative : sans photo, le bandeau garde sa couleur et sa forme.', { required: false }),
      button('Bouton facultatif sous le titre ; affiché seulement avec un texte et une adresse.'),
    ]),
    object('intro', 'Introduction', 'Présentation du programme sous le bandeau.', [
      string('title', 'Titre', 'Phrase d’accroche.'),
      text('desc', 'Description', 'Quelques lignes sur le programme.'),
    ]),
    object('defis', 'Défis', 'Bloc des trois défis les plus récents.', [
      string('kicker', 'Surtitre', 'Petit titre au-dessus du titre du bloc ; vide : « La mission ».', { required: false }),
      string('sub', 'Sous-titre', 'Titre du bloc.'),
      text('desc', 'Description', 'Texte d’introduction du bloc.'),
    ]),
    object('talents', 'Talents', 'Bloc des talents mis en avant.', [
      string('kicker', 'Surtitre', 'Petit titre au-dessus du titre du bloc ; vide : « Qui ».', { required: false }),
      string('sub', 'Sous-titre', 'Titre du bloc.'),
      text('desc', 'Description', 'Texte d’introduction du bloc.'),
      relation('list', 'Talents', 'Jusqu’à trois talents montrés sur l’accueil.', 'personnes', { max: 3 }),
    ]),
    object('agents', 'Agents', 'Bloc des agents publics mis en avant.', [
      string('kicker', 'Surtitre', 'Petit titre au-dessus du titre du bloc ; vide : « Et aussi ».', { required: false }),
      string('sub', 'Sous-titre', 'Titre du bloc.'),
      text('desc', 'Description', 'Texte d’introduction du bloc.'),
      relation('list', 'Agents', 'Jusqu’à deux agents montrés sur l’accueil.', 'personnes', { max: 2 }),
    ]),
    object('join', 'Rejoindre', 'Bloc « rejoindre » avec une image et un bouton (par exemple une vidéo).', [
      image('image', 'Image', 'Photo du bloc.', { required: false }),
      string('title', 'Titre', 'Titre du bloc.', { required: false }),
      string('sub', 'Sous-titre', 'Légende sous le titre.', { required: false }),
      object('btn', 'Bouton', 'Bouton du bloc.', [
        string('title', 'Texte du bouton', 'Texte du bouton.', { required: false }),
        string('url', 'Adresse du bouton', 'Adresse du bouton (une vidéo Dailymotion ouvre la page vidéo).', { required: false }),
        boolean('external', 'Externe', 'Ouvre l’adresse dans un nouvel onglet.', { required: false }),
      ], { required: false }),
    ]),
    object('medias', 'Médias', 'Tuiles des articles de presse sur le programme.', [
      text('desc', 'Description', 'Texte d’introduction du bloc.'),
      list('tiles', 'Tuiles', 'Une tuile par média.', [
        string('title', 'Nom du média', 'Nom du média.'),
        image('image', 'Image', 'Logo du média.'),
        string('link', 'Lien', 'Adresse de l’article.', { required: false }),
      ]),
    ]),
    ...pageMeta,
  ],
});
