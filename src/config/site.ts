/** Site-wide settings that are not content: name, main menu, footer links. */

export const SITE_NAME = 'Entrepreneurs d’intérêt général';
export const SITE_TAGLINE = 'Des talents du numérique au service de l’action publique';
export const SITE_DESCRIPTION = 'Le programme Entrepreneurs d’intérêt général fait entrer des talents du numérique dans les administrations pour relever, en 10 mois, des défis d’intérêt général.';

export interface NavLink { label: string; href: string }
export interface NavItem extends NavLink {
  /** Identifier matched by a page's `menu:` key or URL to mark the current section. */
  id: string;
  children?: NavLink[];
}

/** The main menu, as the previous site declared it (hugo-config.toml, menu.nav). */
export const NAV: readonly NavItem[] = [
  { id: 'program', label: 'Programme', href: '/programme/' },
  { id: 'impact', label: 'Défis', href: '/defis/' },
  {
    id: 'participants', label: 'Participant(e)s', href: '/participants/',
    children: [
      { label: 'Talents EIG', href: '/talents/' },
      { label: 'Agent(e)s de service public', href: '/agents/' },
    ],
  },
  { id: 'team', label: 'Équipe', href: '/equipe/' },
  { id: 'participate', label: 'Participer', href: '/participer/' },
  { id: 'contact', label: 'Contact', href: '/contact/' },
];

/**
 * The header's quick links (DSFR « accès rapides », beside the search bar; in the mobile menu
 * too), as the previous site's header had « Blog » there. « Participer » is already in NAV.
 */
export const QUICK_LINKS: readonly NavLink[] = [
  { label: 'Blog', href: '/blog/' },
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
export function currentSection(pathname: string, menu?: string): string | undefined {
  if (menu) {
    const byId = NAV.find((n) => n.id === menu);
    if (byId) return byId.id;
  }
  const p = pathname.endsWith('/') ? pathname : `${pathname}/`;
  for (const item of NAV) {
    if (p.startsWith(item.href)) return item.id;
    if (item.children?.some((c) => p.startsWith(c.href))) return item.id;
  }
  if (p.startsWith('/personnes/')) return 'participants';
  return undefined;
}
