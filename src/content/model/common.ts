import { datetime, string } from './fields.ts';

/**
 * Routing keys the previous site kept in its page files. Editors never change them, so the
 * back-office keeps them hidden, but the content checks must know them.
 */
export const url = string('url', 'Adresse', 'Adresse de la page sur le site, si elle diffère du nom du fichier (ex. /programme).', {
  required: false, hidden: true,
  // A path of the site, never a way out of the build folder: lowercase words and hyphens between
  // slashes (the trailing slash is optional, the previous site wrote `/programme`; `_` is kept because imported
  // people keep their old address, e.g. /personnes/jean_dupont/).
  pattern: { regex: '^/(?:[a-z0-9_-]+/)*(?:[a-z0-9_-]+)?$', example: '/programme/', message: 'adresse invalide : attendu un chemin comme /programme/ (lettres minuscules sans accent, chiffres, tirets et _ entre des barres obliques, sans « .. »)' },
});
export const layout = string('layout', 'Gabarit', 'Nom du gabarit de l’ancien site ; conservé pour mémoire.', { required: false, hidden: true });
export const menu = string('menu', 'Entrée de menu', 'Identifiant de l’entrée du menu principal mise en évidence sur cette page.', { required: false, hidden: true });

/** The keys every single page may carry. */
export const pageMeta = [url, layout, menu] as const;

/**
 * A language tag (BCP 47: a 2–3 letter language, then optional subtags, `en`, `en-GB`,
 * `pt-BR`), written as the page's `lang` attribute on a text that is not in French.
 */
export const LANGUAGE_TAG = { regex: '^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$', example: 'en', message: 'code de langue invalide : attendu un code comme « en » (anglais), « de » (allemand) ou « en-GB » (anglais britannique)' } as const;

/**
 * « Publier le » of défis and articles: an entry « Prêt » is published by the back-office's
 * server once this time has come (backoffice/schedule/), never before; an entry whose time has
 * not come is left out of the site (pages, search, feeds, open data: src/lib/content/load.ts).
 */
export const publishAt = datetime('publishAt', 'Publier le', 'Facultatif. Date et heure (heure de Paris) de la mise en ligne automatique : l’entrée passée en « Prêt » est publiée à cette heure-là, pas avant. Vide : publication quand vous cliquez sur « Publier ».', { required: false });
