/**
 * Changes made to Decap CMS 3.16.3's prebuilt bundle (dist/decap-cms.js) when it is installed
 * (src/integrations/decap-bundle.ts), where neither its configuration, its locales nor its
 * extension points (registerWidget, registerLocale…) reach. Each patch replaces one exact piece
 * of the minified code, found exactly once, or the install stops with a French error naming it:
 * a new Decap version never ships half-patched. Every patch says what it changes and why.
 */
import { createHash } from 'node:crypto';

export interface BundlePatch { id: string; why: string; find: string; replace: string }

export const PATCHES: readonly BundlePatch[] = [
  {
    id: 'header-site-link',
    why: 'The header link to the site showed its address (« 127.0.0.1:4620 ») as its text: it now says « Voir le site », from the locale (ui.default.goBackToSite).',
    find: 'e?Rn(f_,{href:e,target:"_blank",children:Pl(e)})',
    replace: 'e?Rn(f_,{href:e,target:"_blank",children:i("ui.default.goBackToSite")})',
  },
  {
    id: 'workflow-card-text',
    why: 'Workflow cards showed the body\'s raw Markdown (« ## Objectifs … [site](https://…) »): they show its text, made by backoffice/admin/card-text.ts (window.eigCardText) when loaded.',
    find: 'body:e.getIn(["data","body"])',
    replace: 'body:(window.eigCardText||String)(e.getIn(["data","body"])||"")',
  },
  {
    id: 'select-remove-label',
    why: 'react-select (relations, selects) labels the cross of each chosen value « Remove Santé » for screen readers: « Retirer Santé ».',
    find: '"aria-label":"Remove ".concat(t||"option")',
    replace: '"aria-label":"Retirer ".concat(t||"cet élément")',
  },
  {
    id: 'media-card-keyboard',
    why: 'Media library cards took focus (tabIndex 0) but Enter and Space did nothing: a keyboard user could not choose an image. The focusable cell is now a toggle button named by the file, selected by Enter or Space as by a click.',
    find: 'Rn("div",{tabIndex:"0",style:{...r,left:r.left+f*n',
    replace: 'Rn("div",{tabIndex:"0",role:"button","aria-pressed":o(m),"aria-label":m.name,onKeyDown:e=>{"Enter"!==e.key&&" "!==e.key||e.target!==e.currentTarget||(e.preventDefault(),a(m))},style:{...r,left:r.left+f*n',
  },
  {
    id: 'media-card-alt',
    why: 'A card\'s thumbnail had no alt (axe image-alt, 12 nodes): the card is named by its file, the thumbnail is decorative.',
    find: 'Rn(dx,{loading:"lazy",src:d}',
    replace: 'Rn(dx,{loading:"lazy",alt:"",src:d}',
  },
  {
    id: 'upload-keyboard',
    why: 'The « Téléverser » label took focus but Enter and Space did not open the file picker: they now click its file input.',
    find: 'Dn("label",{tabIndex:"0",className:`nc-fileUploadButton ${i||""}`,children:',
    replace: 'Dn("label",{tabIndex:"0",onKeyDown:e=>{"Enter"!==e.key&&" "!==e.key||(e.preventDefault(),e.currentTarget.querySelector("input")?.click())},className:`nc-fileUploadButton ${i||""}`,children:',
  },
];

/** The patched bundle, or a French error naming the patch whose code is not found once. */
export function patchBundle(code: string, patches: readonly BundlePatch[] = PATCHES): string {
  let out = code;
  for (const p of patches) {
    const count = out.split(p.find).length - 1;
    if (count !== 1) throw new Error(`Correctif « ${p.id} » du bundle Decap : le code à remplacer est présent ${count} fois au lieu d’une (version de Decap différente ?)`);
    out = out.replace(p.find, () => p.replace);
  }
  return out;
}

/** A short fingerprint of the patch set, stamped next to the installed bundle. */
export const patchesStamp = (patches: readonly BundlePatch[] = PATCHES): string =>
  createHash('sha256').update(JSON.stringify(patches.map(({ find, replace }) => [find, replace]))).digest('hex').slice(0, 16);
