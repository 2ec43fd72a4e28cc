/** Filter facets of the people lists (/talents/, /agents/), built from the terms people use. */
import type { Person, Term } from './content/query.ts';
import type { Facet, ItemValues } from './filters.ts';

type Field = 'promos' | 'expertises';
const KEYS: Record<Field, { key: string; legend: string; allLabel: string }> = {
  promos: { key: 'promo', legend: 'Promotion', allLabel: 'Toutes' },
  expertises: { key: 'expertise', legend: 'Expertise', allLabel: 'Toutes' },
};

/** One facet per field, offering only the terms at least one listed person carries. */
export function peopleFacets(people: readonly Person[], fields: Partial<Record<Field, Term[]>>): { facets: Facet[]; values: ItemValues[] } {
  const entries = Object.entries(fields) as [Field, Term[]][];
  const facets = entries.map(([field, all]) => ({
    ...KEYS[field],
    options: all.filter((t) => people.some((p) => p.data[field].includes(t.id))).map((t) => ({ value: t.id, label: t.data.title })),
  }));
  const values = people.map((p) => Object.fromEntries(entries.map(([field]) => [KEYS[field].key, p.data[field]])));
  return { facets, values };
}
