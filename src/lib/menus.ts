/**
 * The site's menus and link lists (header, quick links, footer), not content: the main menu with
 * its typed ids, and which entry a page belongs to. Their URLs come from the model (`url` of a
 * page, `urlPrefix` of a collection), except the pages that are code, not content.
 */
import { agents, blogIndex, defisIndex, talents, team } from '../content/model/pages/lists.ts';
import { program } from '../content/model/pages/program.ts';
import { participate } from '../content/model/pages/participate.ts';
import { accessibility, cgu, contact, cookies, personalData, press, sitemap } from '../content/model/pages/legal.ts';
import { personnes } from '../content/model/personnes.ts';

/** The menu entry « Participant(e)s » (talents and agents): an address with no page of its own, as on the previous site. */
export const PARTICIPANTS_URL = '/participants/';
/** The figures page and the open data page: pages of code (src/pages/), not of the content model. */
export const FIGURES_URL = '/chiffres/';
export const OPEN_DATA_URL = '/donnees/';
/** The search results page (src/pages/recherche.astro), the header's search form's action. */
export const SEARCH_URL = '/recherche/';

/** The main menu's entries, by identifier: what a page's `menu:` key may name (checked by content/menu-check.ts). */
export const MENU_IDS = ['program', 'impact', 'participants', 'team', 'participate', 'contact'] as const;
export type MenuId = (typeof MENU_IDS)[number];
export const isMenuId = (v: string): v is MenuId => (MENU_IDS as readonly string[]).includes(v);

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
    id: 'participants', label: 'Participant(e)s', href: PARTICIPANTS_URL,
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
  { label: 'Plan du site', href: sitemap.url },
  { label: 'Accessibilité : non conforme', href: accessibility.url },
  { label: 'Conditions générales d’utilisation', href: cgu.url },
  { label: 'Données personnelles', href: personalData.url },
  { label: 'Gestion des cookies', href: cookies.url },
  { label: 'Espace presse', href: press.url },
  { label: 'Le programme en chiffres', href: FIGURES_URL },
  { label: 'Données ouvertes', href: OPEN_DATA_URL },
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

