/**
 * What a workflow card shows of an entry's body: its text, not its Markdown (« ## Objectifs »,
 * « [site](https://…) », shortcodes), cut to a sentence or two. Decap's card reads it from
 * `window.eigCardText` (a patch of its bundle, src/integrations/decap-patches.ts).
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false });
const MAX = 180;

/** The body's words, spaces collapsed, shortcodes ({{< … >}}) left out, cut at a word with « … ». */
export function cardText(markdown: string): string {
  const html = md.render(markdown.replace(/\{\{[<%][\s\S]*?[%>]\}\}/g, ' '));
  const text = html.replace(/<\/?(p|h[1-6]|li|ul|ol|blockquote|pre|table|tr|td|th|br|hr)\b[^>]*>/g, ' ').replace(/<[^>]+>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': '\'' })[e] ?? '').replace(/\s+/g, ' ').trim();
  if (text.length <= MAX) return text;
  const cut = text.slice(0, MAX);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX - 20))} …`;
}

declare global { interface Window { eigCardText?: (markdown: string) => string } }
if (typeof window !== 'undefined') window.eigCardText = cardText;
