import { boolean, date, image, markdown, relation, string } from './fields.ts';
import { LANGUAGE_TAG, publishAt, url } from './common.ts';
import { defineFolder } from './types.ts';

/** An article of the blog (`/blog/`). */
export const articles = defineFolder({
  name: 'articles',
  label: 'Articles',
  labelSingular: 'Article',
  labelNew: 'Nouvel article',
  folder: 'blog',
  urlPrefix: '/blog/',
  titleField: 'title',
  fields: [
    string('title', 'Titre', 'Titre de l’article.'),
    string('author', 'Auteur', 'Nom de l’auteur ou de l’autrice, affiché sous le titre.'),
    date('date', 'Date de publication', 'Date de publication ; les articles sont classés du plus récent au plus ancien.'),
    string('description', 'Description', 'Résumé en une phrase, montré sur la carte de l’article.'),
    image('image', 'Image', 'Illustration de l’article, montrée sur la carte et en tête de page.'),
    relation('categories', 'Catégories', 'Catégories de l’article, pour le filtre de la liste.', 'categories'),
    relation('related', 'Lire aussi', 'Jusqu’à deux articles proposés à la fin de celui-ci.', 'articles', { max: 2, required: false }),
    string('lang', 'Langue du texte', 'À remplir seulement si l’article n’est pas écrit en français : le code de la langue de son titre, de son résumé et de son texte, par exemple « en » pour l’anglais. Les lecteurs d’écran le lisent alors avec la bonne prononciation.', { required: false, pattern: LANGUAGE_TAG }),
    markdown('body', 'Contenu', 'Texte de l’article.'),
    publishAt,
    boolean('visible', 'Visible', 'Affiche l’article dans les listes du site.', { hidden: true, default: true, required: false }),
    url,
  ],
});
