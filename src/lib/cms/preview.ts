/**
 * Browser side of /admin/: registers the site's styles and the preview templates with Decap CMS
 * (loaded before this module from /admin/decap-cms.js, with CMS_MANUAL_INIT), then starts it.
 * The stylesheet URLs come from the page (data-preview-styles), built from the site's own CSS.
 */
import { previews, type AssetUrl, type Data } from './preview-html.ts';

interface ImmutableLike { toJS(): unknown }
interface PreviewProps {
  entry: { get(key: 'data'): ImmutableLike | undefined };
  getAsset(path: string): { toString(): string } | undefined;
}
interface DecapGlobal {
  registerPreviewStyle(url: string): void;
  registerPreviewTemplate(name: string, component: (props: PreviewProps) => unknown): void;
  init(): void;
}
declare global {
  interface Window {
    CMS?: DecapGlobal;
    /** React.createElement, exposed by Decap's bundle. */
    h?: (type: string, props: Record<string, unknown>) => unknown;
  }
}

const cms = window.CMS;
const h = window.h;
if (!cms || !h) throw new Error('Decap CMS n’est pas chargé (/admin/decap-cms.js).');

const styles = document.currentScript?.dataset['previewStyles'] ?? document.querySelector<HTMLElement>('[data-preview-styles]')?.dataset['previewStyles'] ?? '';
for (const url of styles.split(' ').filter(Boolean)) cms.registerPreviewStyle(url);

for (const [name, build] of Object.entries(previews)) {
  cms.registerPreviewTemplate(name, (props: PreviewProps) => {
    const data = (props.entry.get('data')?.toJS() ?? {}) as Data;
    const asset: AssetUrl = (value) => props.getAsset(value)?.toString() ?? value;
    return h('div', { dangerouslySetInnerHTML: { __html: build(data, asset) } });
  });
}
cms.init();
