/**
 * A thin bar at the bottom of /admin/ saying what the site is doing: « Mise en ligne en cours… »,
 * « En ligne depuis 14 h 32 », « Échec de la mise en ligne : … » with a link to /admin/statut/.
 * It polls the embedded stack's /_status.json; where nothing answers it (404: the static back-office
 * with Decap's GitHub backend, `astro dev`) it stops after the first answer and the bar never shows.
 * role="status" + aria-live: screen readers hear each change once.
 */
import { statusLine, type StatusView } from './status-text.ts';
import { watchToasts } from './toasts.ts';
import { stillPending, watchPublications, type Pending } from './publishing.ts';

const COLORS = { info: ['#e8edff', '#0063cb'], success: ['#b8fec9', '#18753c'], error: ['#ffe9e9', '#ce0500'] } as const;
/**
 * The bar's layout (#22): the sentence wraps onto as many lines as it needs, never cut (a refusal
 * or « Publié par … · Publication programmée … » said nothing once cut with « … »); on a
 * computer the links stay on its right, on a phone (below 30em) they go on a row below it. Its
 * height, whatever it is, is kept clear of Decap's screens: the body's bottom padding (pages that
 * scroll, the login screen) and `--eig-status-height`, the bottom of Decap's editor, which is
 * drawn in a box the size of the window (position absolute, height 100%). z-index: above Decap's
 * modals (the media library is at 99999), so a refused deletion stays readable.
 */
export const STATUS_BAR_CSS = [
  '#eig-status{position:fixed;left:0;right:0;bottom:0;z-index:100000;box-sizing:border-box;min-height:1.75rem;padding:.25rem 1rem;'
    + 'font-size:.875rem;line-height:1.25rem;font-family:Marianne,system-ui,sans-serif;color:#161616;border-top:2px solid;'
    + 'flex-wrap:wrap;align-items:center;column-gap:1rem;row-gap:.125rem}',
  '#eig-status>span{flex:1 1 20rem;min-width:0;overflow-wrap:anywhere}',
  '#eig-status>a{flex:none;color:#000091}',
  '@media (max-width:30em){#eig-status>span{flex-basis:100%}}',
  '[class*="-EditorContainer"]{height:auto !important;bottom:var(--eig-status-height,0px)}',
].join('\n');

function mount(): { bar: HTMLElement; text: HTMLElement; link: HTMLAnchorElement } {
  const bar = document.createElement('div');
  bar.id = 'eig-status';
  bar.setAttribute('role', 'status');
  bar.setAttribute('aria-live', 'polite');
  bar.hidden = true;
  // display is set with `hidden` (see show): an inline display would beat the hidden attribute.
  bar.style.display = 'none';
  const css = document.createElement('style');
  css.textContent = STATUS_BAR_CSS;
  document.head.append(css);
  const text = document.createElement('span');
  const link = document.createElement('a');
  link.href = '/admin/statut/';
  // A phone's width: the short forms, so the links hold on one row below the sentence.
  const phone = window.matchMedia('(max-width: 30em)').matches;
  link.textContent = phone ? 'État' : 'Voir l’état du site';
  if (phone) link.setAttribute('aria-label', 'Voir l’état du site');
  // The editors' guide (docs/guide-editeur.md, page src/pages/admin/guide.astro).
  const guide = document.createElement('a');
  guide.href = '/admin/guide/';
  guide.textContent = phone ? 'Guide' : 'Guide de l’éditeur';
  if (phone) guide.setAttribute('aria-label', 'Guide de l’éditeur');
  // The history of the entry open in the editor (#/collections/<c>/entries/<slug>), else of all.
  const history = document.createElement('a');
  history.textContent = 'Historique';
  const follow = () => { history.href = historyHref(location.hash); };
  follow();
  window.addEventListener('hashchange', follow);
  bar.append(text, guide, history, link);
  // In a <footer> (a landmark): the live region itself keeps role="status".
  const footer = document.createElement('footer');
  footer.append(bar);
  document.body.append(footer);
  // Decap's own bottom edge stays above the bar, whatever its height (one line, or more on a phone).
  new ResizeObserver(() => { if (!bar.hidden) keepClear(bar.offsetHeight); }).observe(bar);
  // The team back-office (npm run backoffice) says who is signed in and gives the way out:
  // Decap's own « Se déconnecter » only hides its screens, the server's session stays.
  void fetch('/auth/me', { cache: 'no-store' }).then(async (res) => {
    if (!res.ok) return;
    const me = (await res.json()) as { name?: unknown };
    const out = document.createElement('a');
    out.href = '/auth/logout';
    // A phone's width holds the two other links and this one only in its short form.
    out.textContent = window.matchMedia('(max-width: 30em)').matches ? 'Sortir' : 'Se déconnecter';
    if (typeof me.name === 'string') out.title = `Connecté·e : ${me.name}`;
    bar.append(out);
  }).catch(() => {});
  return { bar, text, link };
}

/** The history page of the entry an editor's address names (backoffice/history/routes.ts). */
export function historyHref(hash: string): string {
  const m = /^#\/collections\/([^/]+)\/entries\/([^/?]+)/.exec(hash);
  if (!m) return '/admin/historique/';
  const decode = (s: string) => { try { return decodeURIComponent(s); } catch { return s; } };
  return `/admin/historique/?${new URLSearchParams({ collection: decode(m[1]!), slug: decode(m[2]!) }).toString()}`;
}

/** Keeps Decap's own bottom edge (buttons, the end of long forms, « Se connecter ») above the bar. */
function keepClear(height: number) {
  document.body.style.paddingBottom = height ? `${height}px` : '';
  document.documentElement.style.setProperty('--eig-status-height', `${height}px`);
}

function show(bar: HTMLElement, visible: boolean) {
  bar.hidden = !visible;
  bar.style.display = visible ? 'flex' : 'none';
  keepClear(visible ? bar.offsetHeight : 0);
}

/** A publication sent from this page and not yet seen by the server (publishing.ts). */
const publication: { pending?: Pending | undefined; view?: StatusView | undefined; timer?: ReturnType<typeof setTimeout> } = {};
const PUBLISHING = { tone: 'info', text: 'Mise en ligne en cours…' } as const;

function render(ui: ReturnType<typeof mount>, last: { text: string }, line: { tone: keyof typeof COLORS; text: string }) {
  if (line.text === last.text) return;
  last.text = line.text;
  ui.text.textContent = line.text;
  const [bg, border] = COLORS[line.tone];
  Object.assign(ui.bar.style, { background: bg, borderColor: border });
  show(ui.bar, true);
}

async function poll(ui: ReturnType<typeof mount>, last: { text: string }) {
  clearTimeout(publication.timer);
  if (document.visibilityState === 'visible') {
    try {
      const res = await fetch('/_status.json', { cache: 'no-store' });
      // No server behind this back-office: nothing to poll, ever.
      if (res.status === 404) return show(ui.bar, false);
      if (!res.ok) throw new Error(String(res.status));
      const view = (await res.json()) as StatusView;
      publication.view = view;
      if (!stillPending(publication.pending, view)) publication.pending = undefined;
      render(ui, last, publication.pending ? PUBLISHING : statusLine(view));
    } catch {
      show(ui.bar, false);
      last.text = '';
    }
  }
  publication.timer = setTimeout(() => void poll(ui, last), 3000);
}

/** At Decap's `prePublish` (the click, once confirmed): « Mise en ligne en cours… » at once, then the server's state. */
function watchPublish(ui: ReturnType<typeof mount>, last: { text: string }) {
  watchPublications(window.CMS, () => {
    publication.pending = { at: Date.now(), servedAt: publication.view?.servedAt };
    render(ui, last, PUBLISHING);
    clearTimeout(publication.timer);
    publication.timer = setTimeout(() => void poll(ui, last), 1000);
  });
}

/**
 * Decap's toasts (z-index 9999) open under its own modals (99999): a refused deletion in the
 * media library was half hidden. Lift them above.
 */
function liftToasts() {
  const style = document.createElement('style');
  style.textContent = '.Toastify__toast-container{z-index:100001 !important}';
  document.head.append(style);
}

if (typeof document !== 'undefined') {
  liftToasts();
  watchToasts(document.body);
  // Decap's GitHub backend (static hosting): no server, no bar, not even one status call.
  const serverless = document.querySelector<HTMLMetaElement>('meta[name="eig-backend"]')?.content === 'github';
  const start = () => {
    if (serverless) return;
    const ui = mount();
    const last = { text: '' };
    watchPublish(ui, last);
    void poll(ui, last);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
}
