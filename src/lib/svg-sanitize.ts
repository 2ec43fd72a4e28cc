/**
 * The SVG sanitiser of uploads: a strict XML parse (sax, the parser svgo uses; namespaces
 * resolved), then a NEW document written from an allow-list of SVG elements and attributes.
 * Nothing of the input's text is copied as markup: every text and attribute value is re-escaped,
 * so CDATA, comments, processing instructions, DOCTYPE and entities cannot hide markup (the
 * output has none of them).
 *
 * Kept: drawing, text, paint servers, filters, structure (svg-attributes.ts). Dropped with their
 * content: script, foreignObject, animation (animate, set…: they can rewrite an href), elements
 * of any other namespace (XHTML, editors' metadata), unknown elements. `<a>` is unwrapped (its
 * drawing stays, the link goes). Attributes: the allow-list only, never an `on…` handler;
 * `href`/`xlink:href` only to a fragment of the same file (`#id`), or, on `<image>`/`<feImage>`,
 * to an embedded raster image (`data:image/png|jpeg|gif|webp;base64,…`: raster bytes carry no
 * script, and logos exported by drawing tools often embed one; `data:image/svg+xml` would be a
 * second SVG that escapes this check, so it is refused). `url(…)` only as `url(#id)` (no
 * external reference). `<style>` and `style=""` are kept only when the CSS has no `<`, no
 * backslash escape, no `@import`, no external `url()` or other loading function.
 * An input that is not well-formed XML, or whose root is not an SVG `<svg>`, is refused.
 */
import sax from 'sax';
import { SVG_ATTRIBUTES, SVG_ELEMENTS } from './svg-attributes.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const MAX_DEPTH = 200;

/** Why an SVG cannot be read: where (1-based) and why, in French. */
export interface SvgProblem { line: number; column: number; reason: string }
export type SvgResult = { svg: string } | { problem: SvgProblem };

interface Element { name: string; attrs: [string, string][]; children: Node[] }
type Node = Element | string;

const FRENCH: [RegExp, string][] = [
  [/^Unclosed root tag|^Unexpected end/, 'le fichier se termine avant la fermeture de ses éléments'],
  [/^Unexpected close tag|^Unmatched closing tag/, 'balise fermante qui ne correspond à aucune balise ouverte'],
  [/^Invalid character entity|^Invalid character in entity name/, 'entité inconnue (seules &amp;, &lt;, &gt;, &quot;, &apos; et &#…; existent en XML)'],
  [/^Unbound namespace prefix/, 'préfixe d’espace de noms non déclaré'],
  [/^Attribute without value|^Unquoted attribute value/, 'attribut sans valeur entre guillemets'],
  [/^Text data outside of root node|^Non-whitespace before first tag/, 'texte en dehors de l’élément <svg>'],
  [/^Unencoded </, 'caractère « < » non échappé'],
  [/^Inappropriately located doctype/, 'DOCTYPE mal placé'],
];
const french = (message: string) => {
  const first = message.split('\n')[0] ?? '';
  const known = FRENCH.find(([re]) => re.test(first));
  return known ? known[1] : `XML mal formé (${first})`;
};

/** Characters XML 1.0 does not allow (control characters, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const escapeText = (s: string) => s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');

/** CSS that can neither hide markup nor load anything: see the module's comment. */
export function safeCss(css: string): boolean {
  if (/[<\\]|@import|@namespace|expression\s*\(|javascript:|vbscript:|behavior\s*:|-moz-binding|(?:image-set|image|cross-fade|element|src)\s*\(/i.test(css)) return false;
  return !/url\s*\(/i.test(css.replace(/url\(\s*(['"]?)#[\w.:-]*\1\s*\)/gi, ''));
}

const RASTER = /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*$/i;
function safeLink(element: string, value: string): boolean {
  const v = value.trim();
  return /^#[\w.:-]*$/.test(v) || ((element === 'image' || element === 'feImage') && RASTER.test(v));
}

/** The name an attribute is written with, or undefined when it is dropped. */
function attributeName(a: sax.QualifiedAttribute): string | undefined {
  if (a.prefix === 'xmlns' || a.name === 'xmlns') return undefined; // declarations: the output writes its own
  if (a.uri === XLINK_NS) return a.local === 'href' ? 'xlink:href' : undefined;
  if (a.uri === XML_NS) return a.local === 'space' || a.local === 'lang' ? `xml:${a.local}` : undefined;
  if (a.uri !== '' || /^on/i.test(a.local)) return undefined;
  return SVG_ATTRIBUTES.has(a.local) ? a.local : undefined;
}

function keptAttributes(element: string, attributes: Record<string, sax.QualifiedAttribute>): [string, string][] {
  const kept: [string, string][] = [];
  for (const a of Object.values(attributes)) {
    const name = attributeName(a);
    if (!name) continue;
    if (name === 'href' || name === 'xlink:href') {
      if (safeLink(element, a.value)) kept.push([name, a.value.trim()]);
      continue;
    }
    if (!safeCss(a.value) || /data:/i.test(a.value)) continue;
    kept.push([name, a.value]);
  }
  return kept;
}

const textOf = (e: Element) => e.children.filter((c): c is string => typeof c === 'string').join('');

function serialise(node: Node, out: string[]): void {
  if (typeof node === 'string') { out.push(escapeText(node)); return; }
  out.push(`<${node.name}`);
  for (const [k, v] of node.attrs) out.push(` ${k}="${escapeAttr(v)}"`);
  if (node.children.length === 0) { out.push('/>'); return; }
  out.push('>');
  for (const c of node.children) serialise(c, out);
  out.push(`</${node.name}>`);
}

const usesXlink = (e: Element): boolean => e.attrs.some(([k]) => k === 'xlink:href') || e.children.some((c) => typeof c !== 'string' && usesXlink(c));

/** Sanitises an SVG document (see the module's comment); a problem when it cannot be read. */
export function sanitizeSvg(input: string): SvgResult {
  // strictEntities (sax ≥ 1.3, missing from @types/sax 1.2): the five XML entities only, no HTML ones.
  const options: sax.SAXOptions & { strictEntities: boolean } = { xmlns: true, strictEntities: true, position: true };
  const parser = sax.parser(true, options);
  let root: Element | undefined;
  /** Open elements: an Element being kept, 'unwrap' (its children go to the parent), 'drop'. */
  const stack: (Element | 'unwrap' | 'drop')[] = [];
  let problem: SvgProblem | undefined;
  const fail = (reason: string) => { problem ??= { line: parser.line + 1, column: parser.column + 1, reason }; };
  const parent = (): Element | undefined => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const f = stack[i];
      if (f === 'drop') return undefined;
      if (f !== 'unwrap' && f !== undefined) return f;
    }
    return undefined;
  };

  parser.onerror = (e) => { fail(french(e.message)); throw e; };
  parser.ondoctype = (d) => { if (d.includes('[')) fail('le SVG déclare une DTD interne (<!DOCTYPE … [ … ]>) : réenregistrez-le sans DTD'); };
  parser.onopentag = (node) => {
    const tag = node as sax.QualifiedTag; // xmlns: true gives qualified tags
    if (stack.length >= MAX_DEPTH) { fail(`éléments imbriqués sur plus de ${MAX_DEPTH} niveaux`); throw new Error('depth'); }
    const svgNs = tag.uri === SVG_NS || tag.uri === '';
    if (!root && stack.length === 0) {
      if (!svgNs || tag.local !== 'svg') { fail('l’élément racine n’est pas un <svg> de l’espace de noms SVG'); throw new Error('root'); }
    }
    const into = parent();
    if (!into && stack.length > 0) { stack.push('drop'); return; }
    if (svgNs && tag.local === 'a') { stack.push('unwrap'); return; }
    if (!svgNs || !SVG_ELEMENTS.has(tag.local)) { stack.push('drop'); return; }
    const e: Element = { name: tag.local, attrs: keptAttributes(tag.local, tag.attributes), children: [] };
    if (into) into.children.push(e); else root = e;
    stack.push(e);
  };
  parser.onclosetag = () => {
    const e = stack.pop();
    if (typeof e !== 'object' || e.name !== 'style') return;
    const into = parent() ?? root;
    if (!safeCss(textOf(e)) && into) into.children = into.children.filter((c) => c !== e);
  };
  const text = (t: string) => { if (stack.length > 0) parent()?.children.push(t); };
  parser.ontext = text;
  parser.oncdata = text; // CDATA is text: written escaped, never as a CDATA section

  try { parser.write(input.replace(/^\uFEFF/, '')).close(); } catch (e) { if (!problem) fail(french(e instanceof Error ? e.message : String(e))); }
  if (problem) return { problem };
  if (!root) return { problem: { line: 1, column: 1, reason: 'aucun élément <svg>' } };
  root.attrs = [['xmlns', SVG_NS], ...(usesXlink(root) ? [['xmlns:xlink', XLINK_NS] as [string, string]] : []), ...root.attrs];
  const out: string[] = [];
  serialise(root, out);
  return { svg: out.join('') };
}
