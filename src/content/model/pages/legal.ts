import { markdown, string } from '../fields.ts';
import { pageMeta } from '../common.ts';
import type { FileType } from '../types.ts';

function textPage(name: string, label: string, file: string, url: string): FileType {
  return {
    kind: 'file', name, label, file, url,
    fields: [
      string('title', 'Titre', 'Titre de la page.'),
      markdown('body', 'Contenu', 'Texte de la page.'),
      ...pageMeta,
    ],
  };
}

/** Text pages: legal notices, press, contact and the site map intro. */
export const personalData = textPage('personal-data', 'Données personnelles', 'personal-data.md', '/donnees-personnelles/');
export const accessibility = textPage('accessibility', 'Accessibilité', 'accessibilite.md', '/accessibilite/');
export const cgu = textPage('cgu', 'CGU', 'cgu.md', '/cgu/');
export const press = textPage('press', 'Espace presse', 'presse.md', '/espace-presse/');
export const sitemap = textPage('sitemap', 'Plan du site', 'plan.md', '/plan-du-site/');
export const cookies = textPage('cookies', 'Gestion des cookies', 'cookies.md', '/gestion-des-cookies/');
export const contact = textPage('contact', 'Contact', 'contact.md', '/contact/');
