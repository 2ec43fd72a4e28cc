/**
 * The back-office preview template (browser side): the entry being edited, unsaved, rendered by
 * the site's own page (POST /admin/apercu, backoffice/preview/service.ts), shown whole — its own
 * <head>, CSS and fonts — in a sandboxed frame inside Decap's preview pane. No template of its
 * own: what the editor sees is what the page will be.
 *
 * - Debounced while typing (DEBOUNCE_MS); an older answer never replaces a newer one.
 * - The new page is loaded in a second frame and swapped in once loaded, at the same scroll
 *   position: no flash, no jump back to the top.
 * - The frame is sandboxed WITHOUT scripts, forms, pop-ups or top navigation. It keeps its
 *   origin (`allow-same-origin`): its fonts load, and this script can read its scroll position
 *   and cancel link clicks (a link in the preview leads nowhere; the admin never navigates away).
 *   Without scripts, the same origin gives the frame's content no way to reach the admin.
 * - A draft with required fields still empty is shown as its page, with « [Titre à renseigner] »
 *   where each is missing (backoffice/preview/placeholders.ts, highlighted here), and the list of
 *   what is missing, by field label, in a bar above it.
 * - An invalid draft shows its problems by field label, in French, over the last good page.
 * - Accordions are shown open (see openAccordions): the one change made to the page.
 * - Where no server renders previews (the static production back-office), the pane says so.
 */

/** Milliseconds of quiet typing before the page is rendered again. */
export const DEBOUNCE_MS = 300;
export const PREVIEW_ENDPOINT = '/admin/apercu';
/** Said where the site cannot render previews (static hosting with the GitHub backend). */
export const UNAVAILABLE_TEXT = 'Aperçu fidèle disponible avec le back-office local (npm start) ; en ligne, voir la page après publication.';

import { sendDraftMedia, type GetAsset } from './preview-media.ts';

interface ImmutableLike { toJS(): unknown }
interface EntryLike { get(key: 'data'): ImmutableLike | undefined; get(key: 'slug'): string | undefined }
export interface FrameProps {
  entry: EntryLike;
  collection: { get(key: 'name'): string };
  /** Decap's media of the entry (an upload not yet published among them). */
  getAsset?: GetAsset | undefined;
}

/** What the server is sent: the collection, the slug (or page name) and the draft's data. */
export function previewPayload(props: FrameProps, media?: ReadonlyMap<string, string>): { collection: string; slug: string | undefined; data: unknown; media?: Record<string, string> } {
  const payload = { collection: props.collection.get('name'), slug: props.entry.get('slug') || undefined, data: props.entry.get('data')?.toJS() ?? {} };
  return media?.size ? { ...payload, media: Object.fromEntries(media) } : payload;
}

export interface Problem { field?: string; message: string; entry?: string }
/** A required field the draft leaves empty; `placeholder`: the text the page shows in its place. */
export interface Missing { field: string; placeholder?: string | undefined }
type Phase = 'loading' | 'updating' | 'ready' | 'error' | 'unavailable';
export interface FrameState { phase: Phase; message?: string | undefined; problems?: Problem[] | undefined; missing?: Missing[] | undefined }
/** A page to show, with what it still lacks. */
export interface Rendered { html: string; missing: Missing[]; absentMedia?: string[] }

/** Said above a page whose required fields are not all filled. */
export const MISSING_TEXT = 'À renseigner avant l’enregistrement :';

/** One problem as a sentence: « Champ « Titre » : champ obligatoire manquant ou vide ». */
export function problemText(p: Problem): string {
  const where = [p.entry, p.field && `champ « ${p.field} »`].filter(Boolean).join(', ');
  return where ? `${where.charAt(0).toUpperCase()}${where.slice(1)} : ${p.message}` : p.message;
}

/**
 * What an answer of the endpoint means. A static host has no such endpoint (404, 405, or a page
 * that is not JSON): the pane says where faithful previews are.
 */
export async function readAnswer(res: Response): Promise<Rendered | FrameState> {
  const json = (res.headers.get('content-type') ?? '').includes('application/json');
  if (!json) return [404, 405, 501].includes(res.status) || res.ok ? { phase: 'unavailable' } : { phase: 'error', message: `Aperçu indisponible (erreur ${res.status}).` };
  let body: { html?: unknown; error?: unknown; problems?: unknown; missing?: unknown };
  try { body = await res.json() as typeof body; } catch { return { phase: 'error', message: 'Aperçu indisponible : réponse illisible du serveur.' }; }
  if (res.ok && typeof body.html === 'string') {
    const absent = (body as { absentMedia?: unknown }).absentMedia;
    return { html: body.html, missing: Array.isArray(body.missing) ? (body.missing as Missing[]) : [], absentMedia: Array.isArray(absent) ? absent.filter((v): v is string => typeof v === 'string') : [] };
  }
  return {
    phase: 'error',
    message: typeof body.error === 'string' ? body.error : `Aperçu indisponible (erreur ${res.status}).`,
    problems: Array.isArray(body.problems) ? (body.problems as Problem[]) : [],
  };
}

/** The pane's own layout (Decap's preview frame): a message bar above the page's frame. */
export const FRAME_CSS = `
html, body { margin: 0; height: 100%; overflow: hidden; }
.eig-apercu { position: relative; display: flex; flex-direction: column; height: 100vh; font-family: Marianne, system-ui, sans-serif; }
.eig-apercu__bar { flex: none; padding: .5rem 1rem; font-size: .875rem; line-height: 1.5rem; border-bottom: 1px solid #ddd; background: #f6f6f6; color: #161616; }
.eig-apercu__bar[hidden] { display: none; }
.eig-apercu__bar--error { background: #ffe9e9; border-bottom: 4px solid #ce0500; color: #161616; max-height: 40vh; overflow: auto; }
.eig-apercu__bar--info { background: #e8edff; border-bottom: 4px solid #0063cb; }
.eig-apercu__bar--missing { background: #fff4f3; border-bottom: 4px solid #b34000; max-height: 30vh; overflow: auto; }
.eig-apercu__bar--missing ul { display: flex; flex-wrap: wrap; gap: 0 1.5rem; }
.eig-apercu__bar--busy { position: absolute; z-index: 2; top: .5rem; right: 1.5rem; border: 1px solid #0063cb; border-radius: .25rem; background: #e8edff; box-shadow: 0 2px 6px rgba(0,0,18,.16); }
.eig-apercu__bar p { margin: 0; font-weight: 700; }
.eig-apercu__bar ul { margin: .25rem 0 0; padding-left: 1.25rem; }
.eig-apercu__frames { position: relative; flex: 1; }
.eig-apercu__frame { position: absolute; inset: 0; width: 100%; height: 100%; border: 0; background: #fff; }
.eig-apercu__frame--next { visibility: hidden; }
.eig-apercu--stale .eig-apercu__frame { opacity: .45; }
`;

/** React.createElement as Decap's bundle exposes it. */
type H = (type: string, props: Record<string, unknown> | null, ...children: unknown[]) => unknown;

interface FrameComponent {
  props: FrameProps;
  state: FrameState;
  setState(s: FrameState): void;
  timer?: ReturnType<typeof setTimeout>;
  abort?: AbortController;
  seq: number;
  /** The draft's media sent to the server (value → hash), and how often each was tried. */
  sent?: Map<string, string>;
  tries?: Map<string, number>;
  host?: HTMLElement | null;
  current?: HTMLIFrameElement;
  next?: HTMLIFrameElement;
  schedule(ms: number): void;
  refresh(): Promise<void>;
  show(page: Rendered): void;
}

/**
 * Without scripts, DSFR accordions stay closed: the preview opens them as the DSFR's script does
 * when a visitor clicks (the editor writes the answers and wants to see them). Only accordions:
 * menus and the breadcrumb keep the state a visitor first sees.
 */
export function openAccordions(doc: Document): void {
  for (const b of doc.querySelectorAll('.fr-accordion__btn[aria-controls]')) {
    b.setAttribute('aria-expanded', 'true');
    doc.getElementById(b.getAttribute('aria-controls') ?? '')?.classList.add('fr-collapse--expanded');
  }
}

/** How a placeholder stands out in the page (the page's own CSS does not know it). */
const MARK_CSS = 'mark[data-eig-a-renseigner]{background:#fff4f3;color:#b34000;outline:2px dashed #b34000;outline-offset:2px;font-style:italic}';

/**
 * The placeholders of missing fields (« [Titre à renseigner] ») stand out in the page: each
 * occurrence in its text is wrapped in a <mark>. Attributes (alt, title, meta) are left as they are.
 */
export function markPlaceholders(doc: Document, texts: readonly string[]): void {
  const wanted = texts.filter(Boolean);
  if (!wanted.length || !doc.body) return;
  const style = doc.createElement('style');
  style.textContent = MARK_CSS;
  doc.head?.appendChild(style);
  const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (wanted.some((w) => n!.nodeValue?.includes(w))) nodes.push(n as Text);
  for (const node of nodes) {
    let rest: Text = node;
    for (;;) {
      const value = rest.nodeValue ?? '';
      const hit = wanted.map((w) => ({ w, i: value.indexOf(w) })).filter((x) => x.i >= 0).sort((a, b) => a.i - b.i)[0];
      if (!hit) break;
      const match = rest.splitText(hit.i);
      rest = match.splitText(hit.w.length);
      const mark = doc.createElement('mark');
      mark.setAttribute('data-eig-a-renseigner', '');
      match.replaceWith(mark);
      mark.appendChild(match);
    }
  }
}

/** Once a host answered that it renders no previews, the session stops asking. */
let unavailable = false;

/** The preview template (a create-react-class spec), registered for every collection and page. */
export function previewTemplate(h: H): Record<string, unknown> {
  return {
    getInitialState: (): FrameState => ({ phase: 'loading' }),
    componentDidMount(this: FrameComponent) { this.seq = 0; this.schedule(0); },
    componentDidUpdate(this: FrameComponent, prev: FrameProps) {
      if (prev.entry.get('data') !== this.props.entry.get('data') || prev.entry.get('slug') !== this.props.entry.get('slug')) this.schedule(DEBOUNCE_MS);
    },
    componentWillUnmount(this: FrameComponent) { clearTimeout(this.timer); this.abort?.abort(); },
    schedule(this: FrameComponent, ms: number) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.refresh(), ms);
    },
    async refresh(this: FrameComponent) {
      if (unavailable) return this.setState({ phase: 'unavailable' });
      this.abort?.abort();
      const abort = new AbortController();
      this.abort = abort;
      const seq = ++this.seq;
      this.setState({ phase: this.current ? 'updating' : 'loading' });
      let answer: Rendered | FrameState;
      try {
        const res = await fetch(PREVIEW_ENDPOINT, {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin',
          body: JSON.stringify(previewPayload(this.props, this.sent)), signal: abort.signal,
        });
        answer = await readAnswer(res);
      } catch (e) {
        if (abort.signal.aborted) return;
        answer = { phase: 'error', message: `Aperçu indisponible : le serveur du back-office ne répond pas (${e instanceof Error ? e.message : String(e)}).` };
      }
      if (seq !== this.seq) return; // a newer version is on its way
      if ('html' in answer) {
        this.show(answer);
        // A medium of the draft the server lacks (an upload not yet published): sent, then the page again.
        if (answer.absentMedia?.length) {
          this.sent ??= new Map();
          this.tries ??= new Map();
          if (await sendDraftMedia(answer.absentMedia, this.props.getAsset, this.sent, this.tries) && seq === this.seq) this.schedule(0);
        }
        return;
      }
      if (answer.phase === 'unavailable') unavailable = true;
      this.setState({ missing: undefined, ...answer });
    },
    show(this: FrameComponent, { html, missing }: Rendered) {
      const host = this.host;
      if (!host) return;
      this.next?.remove();
      const frame = host.ownerDocument.createElement('iframe');
      // No scripts, forms, pop-ups nor top navigation (see the module's comment).
      frame.setAttribute('sandbox', 'allow-same-origin');
      frame.setAttribute('title', 'Aperçu de la page telle qu’elle sera publiée');
      frame.className = 'eig-apercu__frame eig-apercu__frame--next';
      this.next = frame;
      frame.addEventListener('load', () => {
        if (this.next !== frame) return;
        const doc = frame.contentDocument;
        // A click on a link or a form button of the preview does nothing.
        doc?.addEventListener('click', (e) => {
          const t = e.target as Element | null;
          if (t?.closest?.('a, area, button, input[type="submit"]')) e.preventDefault();
        }, true);
        if (doc) { openAccordions(doc); markPlaceholders(doc, missing.flatMap((m) => (m.placeholder ? [m.placeholder] : []))); }
        const before = this.current?.contentWindow;
        if (before) frame.contentWindow?.scrollTo(before.scrollX, before.scrollY);
        frame.classList.remove('eig-apercu__frame--next');
        this.current?.remove();
        this.current = frame;
        this.next = undefined;
        this.setState({ phase: 'ready', missing });
      }, { once: true });
      frame.srcdoc = html;
      host.appendChild(frame);
    },
    render(this: FrameComponent) {
      const { phase, message, problems = [], missing = [] } = this.state;
      // What is left to fill stays above the page while it is brought up to date.
      const todo = missing.length && (phase === 'ready' || phase === 'updating')
        ? h('div', { className: 'eig-apercu__bar eig-apercu__bar--missing', role: 'status' },
          h('p', null, MISSING_TEXT),
          h('ul', null, ...missing.map((m, i) => h('li', { key: i }, m.field))))
        : null;
      const bar = phase === 'ready'
        ? todo ?? h('div', { className: 'eig-apercu__bar', role: 'status', hidden: true })
        : phase === 'error'
          ? h('div', { className: 'eig-apercu__bar eig-apercu__bar--error', role: 'status' },
            h('p', null, message ?? 'Aperçu indisponible.'),
            problems.length ? h('ul', null, ...problems.map((p, i) => h('li', { key: i }, problemText(p)))) : null,
            this.current ? h('p', { style: { fontWeight: 400 } }, 'En dessous : le dernier aperçu valide.') : null)
          : phase === 'unavailable'
            ? h('div', { className: 'eig-apercu__bar eig-apercu__bar--info', role: 'status' }, h('p', null, UNAVAILABLE_TEXT))
            // Over the page, not above it: the page does not move at each keystroke.
            : h('div', { className: 'eig-apercu__bar eig-apercu__bar--busy', role: 'status' },
              h('p', null, phase === 'loading' ? 'Préparation de l’aperçu de la page…' : 'Mise à jour de l’aperçu…'));
      return h('div', { className: `eig-apercu${phase === 'error' && this.current ? ' eig-apercu--stale' : ''}` },
        phase === 'updating' ? todo : null,
        bar,
        h('div', { className: 'eig-apercu__frames', ref: (el: HTMLElement | null) => { this.host = el; } }));
    },
  };
}
