/**
 * Relations between entries, stored by slug (see README "How content is organised"), as pure
 * functions over plain entries so they can be unit-tested without Astro. `query.ts` feeds them
 * the Astro collections.
 */
import type { DefiData, PersonData, TermData } from '../../content/model/index.ts';
import type { Role } from '../../content/model/personnes.ts';

/** The least an entry needs here: its slug and its data. */
export interface Related<D = Record<string, unknown>> { id: string; data: D }

export type { DefiData, PersonData, TermData };

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

/** The relation fields of a défi that point to terms (term pages list the défis carrying them). */
export const DEFI_TERM_FIELDS = ['themes', 'promos', 'expertises'] as const;
export type DefiTermField = (typeof DEFI_TERM_FIELDS)[number];

/**
 * The relations of one version of the content, resolved once: the team of each défi, the
 * visible défis of each person, the visible défis carrying each term. Lists are in the order
 * the pages show them (same as {@link peopleOfDefi}, {@link defisOfPerson}, {@link withTerm}
 * over {@link sortDefis}); a slug nobody carries has no key (read it as []).
 */
export interface RelationIndex<D, P> {
  teamOf: ReadonlyMap<string, readonly P[]>;
  defisOf: ReadonlyMap<string, readonly D[]>;
  defisWith: Readonly<Record<DefiTermField, ReadonlyMap<string, readonly D[]>>>;
}

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => { const l = m.get(k); if (l) l.push(v); else m.set(k, [v]); };

/** Builds the {@link RelationIndex} of a set of défis and people, in one pass over each. */
export function relationIndex<D extends Related<DefiData>, P extends Related<PersonData>>(defis: readonly D[], people: readonly P[]): RelationIndex<D, P> {
  const teamOf = new Map<string, P[]>();
  for (const p of people) for (const slug of new Set(slugsOf(p.data.defis))) push(teamOf, slug, p);
  for (const team of teamOf.values()) team.sort((a, b) => ROLE_ORDER[a.data.role] - ROLE_ORDER[b.data.role] || byTitle(a, b));

  const sorted = sortDefis(defis);
  const defisWith = { themes: new Map<string, D[]>(), promos: new Map<string, D[]>(), expertises: new Map<string, D[]>() };
  for (const d of sorted) for (const field of DEFI_TERM_FIELDS) for (const slug of new Set(slugsOf(d.data[field]))) push(defisWith[field], slug, d);

  const byId = new Map(defis.map((d) => [d.id, d]));
  const defisOf = new Map<string, D[]>();
  for (const p of people) {
    const own = sortDefis(slugsOf(p.data.defis).flatMap((s) => byId.get(s) ?? []));
    if (own.length) defisOf.set(p.id, own);
  }
  return { teamOf, defisOf, defisWith };
}
