/**
 * List filters that work without JavaScript. Each facet is a group of radio buttons (one
 * "all" option with value "" and one per term); each list item carries its terms in
 * `data-f-<facet>` attributes. Without JavaScript, CSS `:has()` rules generated here hide the
 * items that do not match the checked radios and show the "no result" message for the
 * combinations known to be empty; a CSS counter shows the number of results. With JavaScript,
 * `components/filters/Filters.ts` takes over (it sets `data-js` on the root, which turns these
 * rules off), keeps the choice in the URL and announces the count.
 */

export interface FacetOption { value: string; label: string }
export interface Facet {
  /** URL parameter and radio name (`promo`, `theme`, `expertise`). */
  key: string;
  /** Visible legend of the group. */
  legend: string;
  /** Label of the "no filter" option ("Toutes", "Tous"). */
  allLabel: string;
  options: FacetOption[];
}
/** The terms one item carries, per facet key. */
export type ItemValues = Record<string, readonly string[]>;

/** The attributes a list item needs to be filtered. */
export function filterAttrs(values: ItemValues): Record<string, string> {
  const attrs: Record<string, string> = { 'data-filter-item': '' };
  for (const [key, list] of Object.entries(values)) attrs[`data-f-${key}`] = list.join(' ');
  return attrs;
}

/** Whether an item matches a choice (facet key → value, "" or absent for "all"). */
export function matches(values: ItemValues, choice: Record<string, string | undefined>): boolean {
  return Object.entries(choice).every(([k, v]) => !v || (values[k] ?? []).includes(v));
}

const cssString = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;

/** Most "empty" combinations the generated CSS describes; beyond it only JavaScript shows the message. */
const MAX_EMPTY_RULES = 300;
/** Most combinations examined at build time. */
const MAX_COMBINATIONS = 20_000;

/**
 * The minimal filter choices that leave no result: a choice is listed only when no more
 * general choice (fewer facets set) is already empty. Returns undefined when there are too
 * many combinations to describe in CSS.
 */
export function emptyChoices(facets: readonly Facet[], items: readonly ItemValues[]): Record<string, string>[] | undefined {
  const total = facets.reduce((n, f) => n * (f.options.length + 1), 1);
  if (total > MAX_COMBINATIONS) return undefined;
  let combos: Record<string, string>[] = [{}];
  for (const f of facets) combos = combos.flatMap((c) => [c, ...f.options.map((o) => ({ ...c, [f.key]: o.value }))]);
  combos.sort((a, b) => Object.keys(a).length - Object.keys(b).length);
  const out: Record<string, string>[] = [];
  for (const c of combos) {
    if (out.some((e) => Object.entries(e).every(([k, v]) => c[k] === v))) continue;
    if (!items.some((i) => matches(i, c))) out.push(c);
    if (out.length > MAX_EMPTY_RULES) return undefined;
  }
  return out;
}

/** The CSS that filters list `id` without JavaScript. */
export function noJsCss(id: string, facets: readonly Facet[], items: readonly ItemValues[]): string {
  const root = `[data-filters=${cssString(id)}]:not([data-js])`;
  const checked = (key: string, value: string) => `:has(input[name=${cssString(key)}][value=${cssString(value)}]:checked)`;
  const rules: string[] = [];
  for (const f of facets) {
    for (const o of f.options) {
      rules.push(`${root}${checked(f.key, o.value)} [data-filter-item]:not([data-f-${f.key}~=${cssString(o.value)}]){display:none}`);
    }
  }
  const empty = emptyChoices(facets, items);
  for (const c of empty ?? []) {
    rules.push(`${root}${Object.entries(c).map(([k, v]) => checked(k, v)).join('')} [data-filter-empty]{display:block}`);
  }
  return rules.join('\n');
}
