// The search page's behaviour (/recherche/ only): runs the query of the GET form with Pagefind's
// JS API, shows results with their excerpt and type, counts per type beside the filters, and the
// result count in a polite live region. The URL keeps ?q=&type= so results can be shared.

/** The part of Pagefind's browser API this page uses (pagefind.js ships no types). */
interface PagefindResultData { url: string; excerpt: string; meta: { title?: string }; filters: Record<string, string[]> }
/** `totalFilters`: counts per filter value for the query, ignoring the selected filters. */
interface PagefindResponse { results: { id: string; data: () => Promise<PagefindResultData> }[]; totalFilters: Record<string, Record<string, number>>; unfilteredResultCount: number }
interface Pagefind {
  options: (o: Record<string, unknown>) => Promise<void>;
  filters: () => Promise<Record<string, Record<string, number>>>;
  search: (q: string, o?: { filters?: Record<string, string> }) => Promise<PagefindResponse | null>;
}

const PAGE_SIZE = 10;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>('search-form');
const input = $<HTMLInputElement>('search-q');
const statusEl = $('search-status');
const list = $<HTMLOListElement>('search-results');
const more = $<HTMLButtonElement>('search-more');
const baseTitle = document.title;

let pagefind: Promise<Pagefind> | undefined;
function load(): Promise<Pagefind> {
  // The index lives beside the site, written after the build: not a module Vite can bundle.
  const url = '/pagefind/pagefind.js';
  pagefind ??= (import(/* @vite-ignore */ url) as Promise<Pagefind>).then(async (p) => {
    await p.options({ excerptLength: 24 });
    // Loads the filter index now, so every search answers with its counts per type.
    await p.filters();
    return p;
  });
  return pagefind;
}

const plural = (n: number, one: string, many: string) => `${new Intl.NumberFormat('fr-FR').format(n)} ${n > 1 ? many : one}`;
const selectedType = () => (form.querySelector<HTMLInputElement>('input[name="type"]:checked')?.value ?? '');

/** Pagefind's excerpt is escaped text with <mark> around hits: keep the text and the marks only. */
function excerptNodes(html: string): Node[] {
  const doc = new DOMParser().parseFromString(`<p>${html}</p>`, 'text/html');
  return [...(doc.body.firstChild?.childNodes ?? [])].map((n) => {
    if (n.nodeName === 'MARK') { const m = document.createElement('mark'); m.textContent = n.textContent; return m; }
    return document.createTextNode(n.textContent ?? '');
  });
}

function resultItem(d: PagefindResultData): HTMLLIElement {
  const li = document.createElement('li');
  const type = d.filters['type']?.[0];
  if (type) {
    const badge = document.createElement('p');
    badge.className = 'fr-badge fr-badge--sm fr-badge--blue-cumulus fr-mb-1w';
    badge.textContent = type;
    li.append(badge);
  }
  const h = document.createElement('h3');
  h.className = 'fr-h6 fr-mb-1w';
  const a = document.createElement('a');
  a.href = d.url;
  a.textContent = d.meta.title || d.url;
  h.append(a);
  const p = document.createElement('p');
  p.className = 'fr-mb-0';
  p.append(...excerptNodes(d.excerpt));
  li.append(h, p);
  return li;
}

let shown: PagefindResponse['results'] = [];
let typing: number | undefined;
let next = 0;
let generation = 0;

/**
 * Shows the next batch of results; `replace` swaps the whole list at once, when the new results
 * are ready: the old ones stay until then, so focus never falls into an empty list.
 */
async function showMore(replace = false): Promise<void> {
  const batch = shown.slice(next, next + PAGE_SIZE);
  next += batch.length;
  const items = (await Promise.all(batch.map((r) => r.data()))).map(resultItem);
  if (replace) list.replaceChildren(...items); else list.append(...items);
  more.hidden = next >= shown.length;
}

async function run(q: string, type: string, { push = true } = {}): Promise<void> {
  const mine = ++generation;
  const url = new URL(location.href);
  url.search = '';
  if (q) url.searchParams.set('q', q);
  if (type) url.searchParams.set('type', type);
  if (push) history.replaceState(null, '', url);
  if (!q.trim()) {
    list.replaceChildren();
    more.hidden = true;
    statusEl.textContent = 'Saisissez un ou plusieurs mots pour lancer la recherche.';
    document.title = baseTitle;
    setCounts({});
    return;
  }
  statusEl.textContent = 'Recherche en cours…';
  let found: PagefindResponse | null;
  try {
    const pf = await load();
    found = await pf.search(q, { filters: type ? { type } : {} });
  } catch {
    // Index missing or blocked: say so, and offer the lists as without JavaScript.
    pagefind = undefined;
    statusEl.textContent = 'La recherche est indisponible pour le moment.';
    const help = $('search-nojs');
    const why = help.querySelector('p');
    if (why) why.textContent = 'La recherche est indisponible pour le moment. Vous pouvez parcourir les listes du site :';
    help.hidden = false;
    list.replaceChildren();
    more.hidden = true;
    return;
  }
  if (mine !== generation || !found) return;
  setCounts(found.totalFilters['type'] ?? {}, found.unfilteredResultCount);
  shown = found.results;
  next = 0;
  await showMore(true);
  if (mine !== generation) return;
  const where = type ? ` de type « ${type} »` : '';
  statusEl.textContent = shown.length
    ? `${plural(shown.length, 'résultat', 'résultats')}${where} pour « ${q} ».`
    : `Aucun résultat${where} pour « ${q} ». Vérifiez l’orthographe ou essayez d’autres mots.`;
  document.title = `« ${q} » : ${plural(shown.length, 'résultat', 'résultats')} — ${baseTitle}`;
}

function setCounts(counts: Record<string, number>, total?: number): void {
  for (const span of form.querySelectorAll<HTMLElement>('.eig-search__count')) {
    const t = span.dataset['type'] ?? '';
    const n = t ? (counts[t] ?? 0) : total;
    span.textContent = n === undefined ? '' : `(${n})`;
  }
}

// JavaScript runs: swap the no-JS message for the results area, then read the URL.
$('search-nojs').hidden = true;
$('search-app').hidden = false;
const params = new URLSearchParams(location.search);
input.value = params.get('q') ?? '';
const header = document.getElementById('header-search-input') as HTMLInputElement | null;
if (header) header.value = input.value;
const initialType = params.get('type') ?? '';
const radio = form.querySelector<HTMLInputElement>(`input[name="type"][value="${CSS.escape(initialType)}"]`);
if (radio) radio.checked = true;

form.addEventListener('submit', (e) => {
  e.preventDefault();
  // Enter right after typing: one search, not a second one when the typing delay ends.
  window.clearTimeout(typing);
  void run(input.value.trim(), selectedType());
});
form.addEventListener('change', (e) => {
  if (!(e.target as HTMLElement).matches('input[name="type"]')) return;
  window.clearTimeout(typing);
  void run(input.value.trim(), selectedType());
});
input.addEventListener('input', () => {
  window.clearTimeout(typing);
  typing = window.setTimeout(() => void run(input.value.trim(), selectedType()), 350);
});
more.addEventListener('click', () => {
  const first = next;
  void showMore().then(() => list.children[first]?.querySelector('a')?.focus());
});
void run(input.value.trim(), selectedType(), { push: false });
