import { folderTypes, isTermType, roleFacts, termFolders, termLists, termTypes, type Role, type TermType } from '../../content/model/index.ts';
import { talents } from '../../content/model/pages/lists.ts';
import { PARTICIPANTS_URL } from '../menus.ts';
import { personnes } from '../../content/model/personnes.ts';
import type { Entry } from '../content/load.ts';
import { hugoPath } from './hugo.ts';

/**
 * The URLs the previous site (Hugo) published, computed from a content tree in this project's
 * format with Hugo's rules (`hugo-config.toml`): one page per entry (its `url:` wins), one list
 * per section and per taxonomy with `/page/N/` pages of 8 (`paginate = 8`, `/page/1/` included),
 * one page per taxonomy term with its own pagination, and the menu entries.
 */
export const PAGE_SIZE = 8;

/** Menu entries of the previous site that had no content file of their own. */
export const MENU_URLS: readonly string[] = [PARTICIPANTS_URL];

export interface LegacyUrl {
  /** Path with leading and trailing slash. */
  path: string;
  /** Where to send a visitor when the new site has no page at this path, best first. */
  targets: string[];
}

/** Closest new page for a term of each taxonomy: the list it filters (see src/lib/filters.ts). */
function termTarget(type: TermType, slug: string): string[] {
  const { page, filter } = termLists[type];
  return filter ? [`${page.url}?${filter}=${slug}`, page.url] : [page.url];
}


/** Closest new page for a section's list: people go to the talents, a term type to the list its terms sort. */
const SECTION_TARGET: Record<string, string[]> = {
  [personnes.urlPrefix]: [talents.url],
  [PARTICIPANTS_URL]: [talents.url],
  ...Object.fromEntries(termTypes.map((t) => [termFolders[t].urlPrefix, [termLists[t].page.url]])),
};

const isRole = (v: unknown): v is Role => typeof v === 'string' && Object.hasOwn(roleFacts, v);
const pages = (count: number) => Math.max(1, Math.ceil(count / PAGE_SIZE));

export function legacyUrls(entries: readonly Entry[]): LegacyUrl[] {
  const out = new Map<string, string[]>();
  const add = (path: string, targets: string[]) => {
    if (!out.has(path)) out.set(path, targets);
  };
  const paginated = (base: string, count: number, targets: string[]) => {
    add(base, targets);
    for (let n = 1; n <= pages(count); n++) add(`${base}page/${n}/`, [base, ...targets]);
  };

  add('/', []);
  for (const e of entries) {
    if (e.collection !== 'pages') continue;
    add(e.url, []);
  }
  for (const t of folderTypes) {
    const list = entries.filter((e) => e.collection === t.name);
    const section = t.urlPrefix;
    // A taxonomy's list shows its terms; a section's list shows its pages.
    paginated(section, list.length, SECTION_TARGET[section] ?? []);
    for (const e of list) {
      const own = `${section}${e.id}/`;
      if (isTermType(t.name)) {
        const count = entries.filter((x) => Array.isArray(x.data[t.name]) && (x.data[t.name] as string[]).includes(e.id)).length;
        const targets = [own, ...termTarget(t.name, e.id)];
        paginated(e.url, count, targets);
        if (own !== e.url) paginated(own, count, targets);
        // Hugo named a term page after the value entries used (the term's title), which may
        // differ from the file name (a file `defis-dig.md` titled "Promotion 3 DIG").
        const byTitle = `${section}${hugoPath(e.title)}/`;
        if (hugoPath(e.title) && byTitle !== own) paginated(byTitle, count, targets);
      } else {
        // Closest list for a person: the list of the person's role.
        const role = isRole(e.data['role']) ? roleFacts[e.data['role']].list.page.url : undefined;
        const targets = [own, ...(role ? [role] : []), section];
        add(e.url, targets);
      }
    }
  }
  for (const m of MENU_URLS) add(m, SECTION_TARGET[m] ?? []);
  return [...out].map(([path, targets]) => ({ path, targets })).sort((a, b) => (a.path < b.path ? -1 : 1));
}
