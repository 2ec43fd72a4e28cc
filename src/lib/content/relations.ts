/**
 * Relations between entries, stored by slug (see README "How content is organised"), as pure
 * functions over plain entries so they can be unit-tested without Astro. `query.ts` feeds them
 * the Astro collections.
 */
import type { Role } from '../../content/model/personnes.ts';

/** The least an entry needs here: its slug and its data. */
export interface Related<D = Record<string, unknown>> { id: string; data: D }

/** Front matter of a défi, as the model declares it (model/defis.ts). */
export interface DefiData {
  title: string; description: string; who: string; place?: string | undefined; town: string;
  themes: string[]; promos: string[]; expertises: string[];
  date: Date; image: string; ogImage?: string | undefined; visible?: boolean | undefined;
  /** What became of the défi (model/defis.ts `outcome`; read it through lib/outcomes.ts `outcomeOf`). */
  outcome?: unknown;
}

/** Front matter of a person (model/personnes.ts). */
export interface PersonData {
  title: string; job: string; desc?: string | undefined; role: Role;
  promos: string[]; defis: string[]; expertises: string[];
  image: string; linkedin?: string | undefined; github?: string | undefined; weight?: number | undefined;
}

/** Front matter of a term: theme, expertise, promotion or category (model/terms.ts). */
export interface TermData { title: string }

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** Titles in French alphabetical order (accents ignored, numbers compared as numbers). */
export const byTitle = <D extends { title: string }>(a: Related<D>, b: Related<D>) => collator.compare(a.data.title, b.data.title);

/** A relation value as a list of slugs (the schema already normalises it; this guards raw data). */
export function slugsOf(value: unknown): string[] {
  if (typeof value === 'string') return value ? [value] : [];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

/** Entries not hidden with `visible: false` (entries without the field are visible). */
export const isVisible = (e: Related<object>): boolean => (e.data as { visible?: unknown }).visible !== false;

/** Entries whose slug is in `slugs`, in the order of `slugs`; unknown slugs are skipped. */
export function lookup<E extends Related<object>>(entries: readonly E[], slugs: unknown): E[] {
  const index = new Map(entries.map((e) => [e.id, e]));
  return slugsOf(slugs).flatMap((s) => index.get(s) ?? []);
}

/** Visible défis, newest first (by `date`, then title). */
export function sortDefis<E extends Related<DefiData>>(defis: readonly E[]): E[] {
  return defis.filter(isVisible).sort((a, b) => b.data.date.getTime() - a.data.date.getTime() || byTitle(a, b));
}

/** Entries that carry `slug` in the relation field `field` (e.g. défis of theme "sante"). */
export function withTerm<E extends Related<object>>(entries: readonly E[], field: string, slug: string): E[] {
  return entries.filter((e) => slugsOf((e.data as Record<string, unknown>)[field]).includes(slug));
}

const ROLE_ORDER: Record<Role, number> = { participant: 0, 'agent-public': 1, 'agent-programme': 2, 'agent-ecosysteme': 3 };

/** The team of a défi: people whose `defis` include it, talents first, then by name. */
export function peopleOfDefi<E extends Related<PersonData>>(people: readonly E[], defiSlug: string): E[] {
  return withTerm(people, 'defis', defiSlug).sort((a, b) => ROLE_ORDER[a.data.role] - ROLE_ORDER[b.data.role] || byTitle(a, b));
}

/** The visible défis a person took part in, newest first. */
export function defisOfPerson<D extends Related<DefiData>>(defis: readonly D[], person: Related<PersonData>): D[] {
  return sortDefis(lookup(defis, person.data.defis));
}

/** People of one role; ordered by `weight` (smallest first, none last), then by name. */
export function peopleWithRole<E extends Related<PersonData>>(people: readonly E[], role: Role): E[] {
  const w = (e: E) => e.data.weight ?? Number.POSITIVE_INFINITY;
  return people.filter((p) => p.data.role === role).sort((a, b) => w(a) - w(b) || byTitle(a, b));
}

/** The list page that shows people of a role, for breadcrumbs. */
export function listOfRole(role: Role): { label: string; href: string } {
  switch (role) {
    case 'participant': return { label: 'Talents', href: '/talents/' };
    case 'agent-public': return { label: 'Agents publics', href: '/agents/' };
    default: return { label: 'Équipe', href: '/equipe/' };
  }
}
