import { markdown, string, text } from '../fields.ts';
import { pageMeta } from '../common.ts';
import { defineFile } from '../types.ts';

function textPage<const N extends string>(name: N, label: string, file: string, url: string) {
  return defineFile({
    name, label, file, url,
    fields: [
      string('title', 'Titre', 'Titre de la page.'),
      markdown('body', 'Contenu', 'Texte de la page.'),
      ...pageMeta,
    ],
  });
}

/** Text pages: legal notices, press, contact and the site map intro. */
export const personalData = textPage('personal-data', 'Données personnelles', 'personal-data.md', '/donnees-personnelles/');
export const accessibility = textPage('accessibility', 'Accessibilité', 'accessibilite.md', '/accessibilite/');
export const cgu = textPage('cgu', 'CGU', 'cgu.md', '/cgu/');
export const press = textPage('press', 'Espace presse', 'presse.md', '/espace-presse/');
export const sitemap = textPage('sitemap', 'Plan du site', 'plan.md', '/plan-du-site/');
export const cookies = textPage('cookies', 'Gestion des cookies', 'cookies.md', '/gestion-des-cookies/');

/** An `https://` address (the form service) or an e-mail address, as editors type them. */
const HTTPS_URL = { regex: '^https://[^\\s"<>]+$', message: 'doit être une adresse commençant par https://', example: 'https://formulaires.exemple.fr/f/contact' };
const EMAIL = { regex: '^[^\\s@<>"]+@[^\\s@<>"]+\\.[^\\s@<>"]+$', message: 'doit être une adresse e-mail (nom@domaine.fr)', example: 'contact@exemple.fr' };

/**
 * The contact page: a form posted to a form service, the programme's e-mail and postal
 * addresses, then free text. Without a form service, a « Écrire un e-mail » link replaces the
 * form (never a button that sends nothing).
 */
export const contact = defineFile({
  name: 'contact', label: 'Contact', file: 'contact.md', url: '/contact/',
  fields: [
    string('title', 'Titre', 'Titre de la page.'),
    string('formAction', 'Service de formulaire', 'Adresse (https://…) à laquelle le formulaire de contact est envoyé, fournie par le service de formulaires. Laissez vide pour remplacer le formulaire par un lien « Écrire un e-mail ».', { required: false, pattern: HTTPS_URL }),
    string('email', 'Adresse e-mail', 'Adresse e-mail du programme, affichée sur la page (et utilisée quand aucun service de formulaire n’est indiqué).', { required: false, pattern: EMAIL }),
    text('address', 'Adresse postale', 'Adresse postale du programme, une ligne par ligne d’adresse.', { required: false }),
    markdown('body', 'Contenu', 'Texte affiché sous le formulaire (mentions sur les données personnelles, autres contacts…).', { required: false }),
    ...pageMeta,
  ],
});
