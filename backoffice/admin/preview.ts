/**
 * Browser side of /admin/: registers the preview template with Decap CMS (loaded before this
 * module from /admin/decap-cms.js, with CMS_MANUAL_INIT), puts the few English words of Decap's
 * French UI into French, then starts it. Every entry is previewed by the site's own page,
 * rendered from the unsaved draft by the back-office server (preview-frame.ts).
 */
import { fileTypes, folderTypes } from '../../src/content/model/index.ts';
import { FRAME_CSS, previewTemplate } from './preview-frame.ts';
import { registerDateWidget } from './date-widget.ts';
import { registerDateTimeWidget } from './datetime-widget.ts';
import FR_PHRASES from './locale-fr.json';
import './card-text.ts';
import './focus.ts';
import './contrast.ts';
import './narrow.ts';

interface ImmutableLike { toJS(): unknown }
type Phrases = Record<string, unknown>;
interface DecapGlobal {
  registerPreviewStyle(style: string, options?: { raw: boolean }): void;
  registerPreviewTemplate(name: string, component: unknown): void;
  registerEditorComponent(component: Record<string, unknown>): void;
  getEditorComponents(): { get(id: string): unknown } | undefined;
  registerLocale(locale: string, phrases: Phrases): void;
  getWidget(name: string): { control: unknown; preview: unknown; schema?: unknown } | undefined;
  registerWidget(widget: { name: string; controlComponent: unknown; previewComponent: unknown; schema?: unknown }): void;
  getLocale(locale: string): Phrases | undefined;
  init(): void;
}
declare global {
  interface Window {
    CMS?: DecapGlobal;
    /** React.createElement, exposed by Decap's bundle. */
    h?: (type: string, props: Record<string, unknown> | null, ...children: unknown[]) => unknown;
    /** create-react-class, exposed by Decap's bundle for preview templates with state. */
    createClass?: (spec: Record<string, unknown>) => unknown;
  }
}

const cms = window.CMS;
const h = window.h;
const createClass = window.createClass;
if (!cms || !h || !createClass) throw new Error('Decap CMS n’est pas chargé (/admin/decap-cms.js).');


/**
 * Decap's interface in French from one dictionary (locale-fr.json, complete: Decap replaces a
 * locale whole), and the image insert form of the Markdown editor, which is in English.
 */
function frenchUi(c: DecapGlobal) {
  c.registerLocale('fr', FR_PHRASES);
  const image = c.getEditorComponents()?.get('image') as Record<string, unknown> | undefined;
  if (image) {
    c.registerEditorComponent({
      ...image,
      fields: [
        { label: 'Image', name: 'image', widget: 'image', media_library: { allow_multiple: false } },
        { label: 'Texte alternatif', name: 'alt', hint: 'Ce que montre l’image, pour qui ne la voit pas ; vide si elle est décorative.' },
        { label: 'Titre (infobulle)', name: 'title', required: false },
      ],
    });
  }
}
frenchUi(cms);

interface AssetLike { path?: string }
interface ImageControlProps { value?: unknown; field: unknown; getAsset(path: string, field: unknown): AssetLike | undefined }
interface ImageWrapper {
  props: ImageControlProps; state: { round: number }; setState(s: { round: number }): void;
  timer?: ReturnType<typeof setTimeout>; bound?: { round: number; fn: ImageControlProps['getAsset'] }; check(tries?: number): void;
  inner?: { getValidateValue?(): unknown; focus?(path: unknown): void } | null;
}
/**
 * Decap 3.16's image widget keeps the blank placeholder (`empty.svg`) it gets while an existing
 * image is loading: its `getAsset` never changes, so it never asks again. This wrapper watches the
 * value's assets and hands the widget a new `getAsset` once they are loaded. Everything else goes
 * to the widget itself: Decap's Widget asks the control whether to update (the widget watches the
 * media library's inserts there), and validates and focuses it.
 */
function refreshImageThumbnails(c: DecapGlobal) {
  const image = c.getWidget('image');
  if (!image?.control) return;
  const Original = image.control;
  const values = (v: unknown): string[] => (typeof v === 'string' ? [v] : v && typeof (v as ImmutableLike).toJS === 'function' ? ((v as ImmutableLike).toJS() as unknown[]).map(String) : []).filter(Boolean);
  c.registerWidget({
    name: 'image',
    previewComponent: image.preview,
    schema: image.schema,
    controlComponent: createClass!({
      getInitialState: () => ({ round: 0 }),
      componentDidMount(this: ImageWrapper) { this.check(); },
      componentDidUpdate(this: ImageWrapper, prev: ImageControlProps) { if (prev.value !== this.props.value) this.check(); },
      componentWillUnmount(this: ImageWrapper) { clearTimeout(this.timer); },
      // Decap's Widget delegates this to its control: let the image widget's own test decide.
      shouldComponentUpdate: () => true,
      getValidateValue(this: ImageWrapper) { return this.inner?.getValidateValue?.(); },
      focus(this: ImageWrapper, path: unknown) { this.inner?.focus?.(path); },
      check(this: ImageWrapper, tries = 0) {
        clearTimeout(this.timer);
        const pending = values(this.props.value).some((v) => this.props.getAsset(v, this.props.field)?.path === 'empty.svg');
        if (pending && tries < 80) this.timer = setTimeout(() => this.check(tries + 1), 250);
        else if (tries > 0) this.setState({ round: this.state.round + 1 });
      },
      render(this: ImageWrapper) {
        if (this.bound?.round !== this.state.round) this.bound = { round: this.state.round, fn: (path, field) => this.props.getAsset(path, field) };
        return h!(Original as string, { ...this.props, getAsset: this.bound.fn, ref: (r: ImageWrapper['inner']) => { this.inner = r; } });
      },
    }),
  });
}
refreshImageThumbnails(cms);
registerDateWidget(cms, h, createClass);
registerDateTimeWidget(cms, h, createClass);

// Every collection and every page is previewed by the site's own page (preview-frame.ts), where a
// server renders it. With Decap's GitHub backend (static hosting, src/pages/admin/index.astro's
// meta) nothing would answer: no template, no call, Decap's standard preview.
const backend = document.querySelector<HTMLMetaElement>('meta[name="eig-backend"]')?.content;
if (backend !== 'github') {
  cms.registerPreviewStyle(FRAME_CSS, { raw: true });
  const template = createClass(previewTemplate(h as Parameters<typeof previewTemplate>[0]));
  for (const name of [...folderTypes.map((t) => t.name), ...fileTypes.map((t) => t.name)]) cms.registerPreviewTemplate(name, template);
}
cms.init();
