/** Site-wide settings that are not content: name, main menu, footer links. */
import { agents, blogIndex, defisIndex, talents, team } from '../content/model/pages/lists.ts';
import { program } from '../content/model/pages/program.ts';
import { participate } from '../content/model/pages/participate.ts';
import { contact } from '../content/model/pages/legal.ts';
import { personnes } from '../content/model/personnes.ts';

export const SITE_NAME = 'Entrepreneurs d’intérêt général';
export const SITE_TAGLINE = 'Des talents du numérique au service de l’action publique';
export const SITE_DESCRIPTION = 'Le programme Entrepreneurs d’intérêt général fait entrer des talents du numérique dans les administrations pour relever, en 10 mois, des défis d’intérêt général.';

/** The main menu's entries, by identifier (a page's `menu:` key names one). */
export const MENU_IDS = ['program', 'impact', 'participants', 'team', 'participate', 'contact'] as const;
export type MenuId = (typeof MENU_IDS)[number];

export interface NavLink { label: string; href: string }
export interface NavItem extends NavLink {
  /** Identifier matched by a page's `menu:` key or URL to mark the current section. */
  id: MenuId;
  children?: NavLink[];
}

/** The main menu, as the previous site declared it (hugo-config.toml, menu.nav). */
export const NAV: readonly NavItem[] = [
  { id: 'program', label: 'Programme', href: program.url },
  { id: 'impact', label: 'Défis', href: defisIndex.url },
  {
    id: 'participants', label: 'Participant(e)s', href: '/participants/',
    children: [
      { label: 'Talents EIG', href: talents.url },
      { label: 'Agent(e)s de service public', href: agents.url },
    ],
  },
  { id: 'team', label: 'Équipe', href: team.url },
  { id: 'participate', label: 'Participer', href: participate.url },
  { id: 'contact', label: 'Contact', href: contact.url },
];

/**
 * The header's quick links (DSFR « accès rapides », beside the search bar; in the mobile menu
 * too), as the previous site's header had « Blog » there. « Participer » is already in NAV.
 */
export const QUICK_LINKS: readonly NavLink[] = [
  { label: 'Blog', href: blogIndex.url },
];

/** The footer's legal links (bottom list). The accessibility link states the compliance level. */
export const FOOTER_LINKS: readonly NavLink[] = [
  { label: 'Plan du site', href: '/plan-du-site/' },
  { label: 'Accessibilité : non conforme', href: '/accessibilite/' },
  { label: 'Conditions générales d’utilisation', href: '/cgu/' },
  { label: 'Données personnelles', href: '/donnees-personnelles/' },
  { label: 'Gestion des cookies', href: '/gestion-des-cookies/' },
  { label: 'Espace presse', href: '/espace-presse/' },
  { label: 'Le programme en chiffres', href: '/chiffres/' },
  { label: 'Données ouvertes', href: '/donnees/' },
];

/** The four institutional links, in the DSFR's current order. */
export const INSTITUTIONAL_LINKS: readonly NavLink[] = [
  { label: 'info.gouv.fr', href: 'https://www.info.gouv.fr' },
  { label: 'service-public.gouv.fr', href: 'https://www.service-public.gouv.fr' },
  { label: 'legifrance.gouv.fr', href: 'https://www.legifrance.gouv.fr' },
  { label: 'data.gouv.fr', href: 'https://www.data.gouv.fr' },
];

/**
 * Which menu entry a URL belongs to, for `aria-current`. A page's `menu:` key wins.
 */
export function currentSection(pathname: string, menu?: string): MenuId | undefined {
  const byId = menu ? NAV.find((n) => n.id === menu) : undefined;
  if (byId) return byId.id;
  const p = pathname.endsWith('/') ? pathname : `${pathname}/`;
  for (const item of NAV) {
    if (p.startsWith(item.href)) return item.id;
    if (item.children?.some((c) => p.startsWith(c.href))) return item.id;
  }
  if (p.startsWith(personnes.urlPrefix)) return 'participants';
  return undefined;
}
