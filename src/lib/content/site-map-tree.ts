/**
 * The site map (`/plan-du-site/`), built from the content tree — every page and entry the
 * site publishes, at the URL it is published at — never typed by hand.
 * Pure functions over plain entries, unit-testable without Astro.
 */

/** One published page: its URL, title and, for collection entries, its collection. */
export interface MapEntry { url: string; title: string; collection?: string | undefined; group?: string | undefined }

export interface MapNode { url?: string | undefined; title: string; children: MapNode[] }

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
const byTitle = (a: MapNode, b: MapNode) => collator.compare(a.title, b.title);

/**
 * Nests pages by URL: a page goes under the page with the longest URL that prefixes its own
 * (`/participer/candidats/faq/` under `/participer/candidats/`). An entry may name its parent
 * URL in `group` (people under the list of their role). Entries without a parent page gather
 * under a heading named after `orphanTitle(collection)`. `order` gives the top level's order.
 */
export function buildSiteMap(entries: readonly MapEntry[], order: readonly string[], orphanTitle: (collection: string) => string): MapNode[] {
  const nodes = new Map<string, MapNode>();
  for (const e of entries) if (!nodes.has(e.url)) nodes.set(e.url, { url: e.url, title: e.title, children: [] });
  const roots: MapNode[] = [];
  const orphans = new Map<string, MapNode>();
  for (const e of entries) {
    const node = nodes.get(e.url)!;
    if (e.url === '/') { roots.push(node); continue; }
    let parent: MapNode | undefined = e.group ? nodes.get(e.group) : undefined;
    if (!parent) {
      const parts = e.url.split('/').filter(Boolean);
      for (let n = parts.length - 1; n > 0 && !parent; n--) parent = nodes.get(`/${parts.slice(0, n).join('/')}/`);
    }
    if (parent && parent !== node) { if (!parent.children.includes(node)) parent.children.push(node); continue; }
    if (e.collection) {
      let group = orphans.get(e.collection);
      if (!group) { group = { title: orphanTitle(e.collection), children: [] }; orphans.set(e.collection, group); roots.push(group); }
      group.children.push(node);
      continue;
    }
    if (!roots.includes(node)) roots.push(node);
  }
  const sortDeep = (list: MapNode[]) => { list.sort(byTitle); list.forEach((n) => sortDeep(n.children)); };
  roots.forEach((n) => sortDeep(n.children));
  const rank = (n: MapNode) => {
    if (n.url === '/') return -1;
    const i = order.findIndex((o) => n.url === o);
    return i === -1 ? order.length : i;
  };
  return roots.sort((a, b) => rank(a) - rank(b) || byTitle(a, b));
}
