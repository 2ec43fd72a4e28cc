import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { expandShortcodes, type ShortcodeContext, type ShortcodeProblem } from './shortcodes.ts';
import { IFRAME_HOSTS, gateIframes } from './embeds.ts';

export { IFRAME_HOSTS };

const md = new MarkdownIt({ html: true, linkify: true, typographer: false });

// Legacy bodies point to images as `img/x.png` (relative): they are served at `/img/`.
const toMediaUrl = (src: string) => (/^\.?\/?img\//.test(src) ? `/${src.replace(/^\.?\//, '')}` : src);
const defaultImage = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const src = token.attrGet('src') ?? '';
  if (!src) return '';
  token.attrSet('src', toMediaUrl(String(src)));
  token.attrSet('loading', 'lazy');
  return defaultImage(tokens, idx, options, env, self);
};

/**
 * What raw HTML may stay in content: no <script>/<style>, no event handler (only the listed
 * attributes survive), no `javascript:`/`data:` URL (only the listed schemes), iframes only
 * from the players of {@link IFRAME_HOSTS} — and those become consent cards (embeds.ts).
 */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: sanitizeHtml.defaults.allowedTags.concat(['img', 'iframe', 'figure', 'figcaption', 'del', 'ins', 'sup', 'sub', 'span', 'details', 'summary']),
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel', 'class', 'id'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
    iframe: ['src', 'title'],
    div: ['class'], span: ['class'], p: ['class'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan', 'scope'],
    '*': ['id', 'lang'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowedIframeHostnames: [...IFRAME_HOSTS],
  allowIframeRelativeUrls: false,
  allowProtocolRelative: false,
  transformTags: {
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, src: toMediaUrl(attribs['src'] ?? ''), alt: attribs['alt'] ?? '' } }),
    a: (tagName, attribs) => (attribs['target'] === '_blank' ? { tagName, attribs: { ...attribs, rel: 'noopener' } } : { tagName, attribs }),
  },
};

const plain = (h: string) => h.replace(/<[^>]*>/g, ' ').replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&amp;/g, '&')
  .replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * What editors' Markdown often leaves that assistive technologies stumble on: empty paragraphs
 * and divs, links with no text at all (`[](url)`, announced as a bare address), and an image
 * whose alternative repeats the caption written right beside it (read twice: the image is then
 * decorative, `alt=""`).
 */
function tidy(html: string): string {
  return html
    .replace(/<p>\s*<\/p>\n?/g, '')
    .replace(/<div>\s*<\/div>\n?/g, '')
    .replace(/<a\b[^>]*>(\s|&nbsp;)*<\/a>/g, '')
    .replace(/<(p|li|figure)>([\s\S]*?)<\/\1>/g, (block: string, _tag: string, inner: string) => {
      if (!inner.includes('<img')) return block;
      const text = plain(inner);
      if (!text) return block;
      // Compared without any spacing: tags in the caption (a link, emphasis) leave spaces behind.
      const bare = (t: string) => t.replace(/\s+/g, '');
      return block.replace(/(<img\b[^>]*\salt=")([^"]+)(")/g, (img: string, head: string, alt: string, tail: string) => (bare(plain(alt)) === bare(text) ? `${head}${tail}` : img));
    });
}

export interface Rendered { html: string; problems: ShortcodeProblem[] }

/**
 * Markdown (with the shortcodes) to safe HTML. The same function serves pages and previews;
 * `context` gives the computed figures of `{{< chiffre … >}}` (the site's build passes them).
 */
export function renderMarkdown(source: string | undefined | null, context: ShortcodeContext = {}): Rendered {
  if (!source) return { html: '', problems: [] };
  const { text, problems } = expandShortcodes(source, context);
  const html = tidy(gateIframes(sanitizeHtml(md.render(text), SANITIZE)));
  return { html, problems };
}

/** Shortcut for templates: just the HTML. */
export const markdownToHtml = (source: string | undefined | null, context: ShortcodeContext = {}): string => renderMarkdown(source, context).html;

/** The plain text of Markdown (for card descriptions and meta tags): no markup, no shortcodes. */
export function markdownToText(source: string | undefined | null): string {
  if (!source) return '';
  const out: string[] = [];
  for (const block of md.parse(expandShortcodes(source).text.replace(/<[^>]*>/g, ' '), {})) {
    if (block.type !== 'inline') continue;
    out.push((block.children ?? []).map((t) => (t.type === 'text' || t.type === 'code_inline' ? t.content : t.type === 'softbreak' || t.type === 'hardbreak' ? ' ' : '')).join(''));
  }
  return out.join(' ').replace(/\s+/g, ' ').trim();
}

/** Cuts plain text to at most `max` characters, at a word boundary, with an ellipsis. */
export function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

/**
 * Whether rendered HTML opens with a paragraph saying the same as `text` (case, spacing,
 * apostrophes and final punctuation aside; a summary cut short with « … » counts).
 */
export function bodyOpensWith(html: string, text: string): boolean {
  const first = /^\s*<p\b[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1];
  if (!first) return false;
  const norm = (t: string) => plain(t).replace(/[\s.…!?:;]+$/, '');
  const a = norm(first);
  const b = norm(text);
  return Boolean(b) && (a === b || (b.length > 40 && a.startsWith(b)));
}
