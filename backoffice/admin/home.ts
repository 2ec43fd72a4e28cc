/**
 * The first screen after login, « Par où commencer » (#22 item 6), instead of Decap's redirection
 * to its first collection: the collections editors use most (défis, articles, personnes: the
 * entries that change with each promotion; terms and single pages change rarely) with their
 * list and « Nouveau … » links, and the drafts waiting for review or ready to publish, each a
 * link to its editor. Decap 3.16 has no extension point for a page of its own (no custom pages,
 * no additional links in this version): a patch of its bundle (src/integrations/decap-patches.ts,
 * `home-screen`) renders `window.eigHome` at `#/` and hands it Decap's store and its
 * `loadUnpublishedEntries` action, as Decap's own workflow board uses them.
 */
import { folderTypes, isTermType, type FolderType } from '../../src/content/model/index.ts';
import FR_PHRASES from './locale-fr.json';
import { frenchSpaces } from './french-spaces.ts';

/** The few Immutable.js methods read here (Decap's state is Immutable). */
interface Imm { get(key: string): unknown; getIn(path: readonly string[]): unknown; valueSeq?(): { toArray(): unknown[] } }
interface Store { getState(): { editorialWorkflow?: Imm; config?: { publish_mode?: string } }; dispatch(action: unknown): unknown; subscribe(fn: () => void): () => void }
export interface HomeProps { collections: unknown; store: Store; loadUnpublishedEntries: (collections: unknown) => unknown; fallback: string }

/** A draft shown on the first screen. */
export interface WaitingEntry { title: string; kind: string; status: 'pending_review' | 'pending_publish'; href: string }

const MAIN: readonly FolderType[] = folderTypes.filter((t) => !isTermType(t.name));
const COLUMNS = FR_PHRASES.workflow.workflowList;

/** The drafts of the editorial workflow waiting for review, then those ready, by title (pure, for tests). */
export function waitingEntries(entities: readonly { collection: string; slug: string; status: string; data: Record<string, unknown> }[]): WaitingEntry[] {
  const order = { pending_review: 0, pending_publish: 1 } as const;
  return entities
    .filter((e): e is typeof e & { status: keyof typeof order } => e.status in order)
    .map((e) => {
      const type = folderTypes.find((t) => t.name === e.collection);
      const title = type ? e.data[type.titleField] : e.data['title'];
      return {
        title: typeof title === 'string' && title.trim() ? title.trim() : 'Sans titre',
        kind: type?.labelSingular ?? 'Page',
        status: e.status,
        href: `#/collections/${e.collection}/entries/${e.slug}`,
      };
    })
    .sort((a, b) => order[a.status] - order[b.status] || a.title.localeCompare(b.title, 'fr'));
}

type H = (type: unknown, props: Record<string, unknown> | null, ...children: unknown[]) => unknown;
interface HomeThis { props: HomeProps; state: { entries: WaitingEntry[] | undefined }; setState(s: { entries: WaitingEntry[] | undefined }): void; unsubscribe?: () => void; read(): void }

/** The React component (create-react-class, from Decap's bundle). */
export function homeComponent(h: H, createClass: (spec: Record<string, unknown>) => unknown): unknown {
  return createClass({
    displayName: 'EigHome',
    getInitialState: () => ({ entries: undefined }),
    componentDidMount(this: HomeThis) {
      const { store, loadUnpublishedEntries, collections } = this.props;
      this.unsubscribe = store.subscribe(() => this.read());
      if (store.getState().config?.publish_mode === 'editorial_workflow') store.dispatch(loadUnpublishedEntries(collections));
      this.read();
      document.title = 'Par où commencer — Entrepreneurs d’intérêt général';
    },
    componentWillUnmount(this: HomeThis) { this.unsubscribe?.(); },
    read(this: HomeThis) {
      const wf = this.props.store.getState().editorialWorkflow;
      if (!wf || wf.getIn(['pages', 'isFetching']) || !wf.getIn(['pages', 'ids'])) return;
      const all = ((wf.get('entities') as Imm | undefined)?.valueSeq?.().toArray() ?? []) as Imm[];
      const entries = waitingEntries(all.map((e) => ({
        collection: String(e.get('collection')), slug: String(e.get('slug')), status: String(e.get('status')),
        data: ((e.get('data') as { toJS?(): unknown } | undefined)?.toJS?.() ?? {}) as Record<string, unknown>,
      })));
      if (JSON.stringify(entries) !== JSON.stringify(this.state.entries)) this.setState({ entries });
    },
    render(this: HomeThis) {
      const { entries } = this.state;
      // Without the editorial workflow (publish_mode simple) nothing waits for review.
      const workflow = this.props.store.getState().config?.publish_mode === 'editorial_workflow';
      const link = (href: string, text: string, extra = '') => h('a', { href, className: `eig-home__link${extra}` }, text);
      const waiting = entries === undefined
        ? h('p', null, 'Chargement des contenus à relire…')
        : entries.length === 0
          ? h('p', null, 'Aucun contenu n’attend de relecture.')
          : h('ul', { className: 'eig-home__list' }, ...entries.map((e) => h('li', { key: e.href },
            link(e.href, e.title), ` — ${e.kind}, ${e.status === 'pending_review' ? COLUMNS.inReviewHeader.toLowerCase() : 'prêt à publier'}`)));
      return h('div', { className: 'eig-home' },
        h('h1', null, 'Par où commencer'),
        h('p', { className: 'eig-home__lead' }, frenchSpaces('Relisez les contenus qui attendent, ou écrivez-en un nouveau. Rien n’est en ligne avant d’être publié depuis « Relecture et publication ».')),
        workflow && h('section', { 'aria-labelledby': 'eig-home-waiting' },
          h('h2', { id: 'eig-home-waiting' }, 'À relire'),
          waiting,
          h('p', null, link('#/workflow', frenchSpaces('Tout voir dans « Relecture et publication »')))),
        h('section', { 'aria-labelledby': 'eig-home-collections' },
          h('h2', { id: 'eig-home-collections' }, 'Écrire ou modifier'),
          h('ul', { className: 'eig-home__cards' }, ...MAIN.map((t) => h('li', { key: t.name, className: 'eig-home__card' },
            h('h3', null, link(`#/collections/${t.name}`, t.label)),
            link(`#/collections/${t.name}/new`, t.labelNew, ' eig-home__new')))),
          h('p', { className: 'eig-home__more' }, 'Les autres contenus (thématiques, expertises, promotions, catégories, pages du site) sont dans ', link(`#${this.props.fallback}`, frenchSpaces('« Contenus »')), '.')));
    },
  });
}

/** The screen's look: DSFR's colours, readable at 390 px, a visible focus (focus.ts draws it). */
export const HOME_CSS = [
  '.eig-home{max-width:60rem;margin:0 auto;padding:2rem 1rem 4rem;font-family:Marianne,system-ui,sans-serif;color:#161616;line-height:1.5}',
  '.eig-home h1{font-size:2rem;color:#000091;margin:0 0 .5rem}',
  '.eig-home h2{font-size:1.375rem;margin:2rem 0 .75rem;color:#161616}',
  '.eig-home h3{font-size:1.125rem;margin:0 0 .5rem}',
  '.eig-home__lead{font-size:1.125rem;margin:0;max-width:42rem}',
  '.eig-home__link{color:#000091;text-decoration:underline;text-underline-offset:.2em}',
  '.eig-home__list{padding-left:1.25rem;margin:0 0 .75rem}.eig-home__list li{margin:.25rem 0}',
  '.eig-home__cards{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:1rem}',
  '.eig-home__card{background:#fff;border:1px solid #ddd;border-bottom:3px solid #000091;padding:1rem}',
  '.eig-home__new{display:inline-block;margin-top:.25rem}',
  '.eig-home__more{margin-top:1rem}',
].join('\n');

declare global { interface Window { eigHome?: unknown } }

/** Registers the screen for the bundle's `#/` route and its CSS. */
export function registerHome(h: H, createClass: (spec: Record<string, unknown>) => unknown): void {
  const style = document.createElement('style');
  style.textContent = HOME_CSS;
  document.head.append(style);
  window.eigHome = homeComponent(h, createClass);
}

if (typeof window !== 'undefined' && window.h && window.createClass) registerHome(window.h as H, window.createClass);
