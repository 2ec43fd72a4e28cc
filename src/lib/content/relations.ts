/**
 * Relations between entries, stored by slug (see README "How content is organised"), as pure
 * functions over plain entries so they can be unit-tested without Astro. `query.ts` feeds them
 * the Astro collections.
 */
import type { DefiData, PersonData, TermData } from '../../content/model/index.ts';
import { roleFacts, type Role } from '../../content/model/personnes.ts';
import { defiTermTypes, type DefiTermType } from '../../content/model/terms.ts';

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

/** People in a défi's team: by role rank (talents first, model/personnes.ts), then by name. */
const byRank = <E extends Related<PersonData>>(a: E, b: E) => roleFacts[a.data.role].rank - roleFacts[b.data.role].rank || byTitle(a, b);

/** The team of a défi: people whose `defis` include it, talents first, then by name. */
export function peopleOfDefi<E extends Related<PersonData>>(people: readonly E[], defiSlug: string): E[] {
  return withTerm(people, 'defis', defiSlug).sort(byRank);
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

/** The list page that shows people of a role, for breadcrumbs (model/personnes.ts). */
export function listOfRole(role: Role): { label: string; href: string } {
  const { page, label } = roleFacts[role].list;
  return { label, href: page.url };
}

/** The relation fields of a défi that point to terms (term pages list the défis carrying them). */
export const DEFI_TERM_FIELDS: readonly DefiTermType[] = defiTermTypes;
export type DefiTermField = DefiTermType;

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
  for (const team of teamOf.values()) team.sort(byRank);

  const sorted = sortDefis(defis);
  const defisWith = Object.fromEntries(DEFI_TERM_FIELDS.map((f) => [f, new Map<string, D[]>()])) as Record<DefiTermField, Map<string, D[]>>;
  for (const d of sorted) for (const field of DEFI_TERM_FIELDS) for (const slug of new Set(slugsOf(d.data[field]))) push(defisWith[field], slug, d);

  const byId = new Map(defis.map((d) => [d.id, d]));
  const defisOf = new Map<string, D[]>();
  for (const p of people) {
    const own = sortDefis(slugsOf(p.data.defis).flatMap((s) => byId.get(s) ?? []));
    if (own.length) defisOf.set(p.id, own);
  }
  return { teamOf, defisOf, defisWith };
}
