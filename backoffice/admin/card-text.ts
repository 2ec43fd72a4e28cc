/**
 * What a workflow card shows of an entry's body: its text, not its Markdown (« ## Objectifs »,
 * « [site](https://…) », shortcodes), cut to a sentence or two. Decap's card reads it from
 * `window.eigCardText` (a patch of its bundle, src/integrations/decap-patches.ts).
 */
import MarkdownIt from 'markdown-it';
import { parseInstant, scheduledSentence } from '../../src/content/model/datetime.ts';

const md = new MarkdownIt({ html: false, linkify: false });
const MAX = 180;

/**
 * The card's text: « Publication programmée le 15 janvier à 9 h. » first when the entry has a
 * « Publier le » (`publishAt`, Paris time), then the body's words (see {@link bodyText}).
 */
export function cardText(markdown: string, publishAt?: unknown, now = new Date()): string {
  const at = parseInstant(publishAt);
  const text = bodyText(markdown);
  return at ? `${scheduledSentence(at, now)}.${text ? ` ${text}` : ''}` : text;
}

/** The body's words, spaces collapsed, shortcodes ({{< … >}}) left out, cut at a word with « … ». */
export function bodyText(markdown: string): string {
  const html = md.render(markdown.replace(/\{\{[<%][\s\S]*?[%>]\}\}/g, ' '));
  const text = html.replace(/<\/?(p|h[1-6]|li|ul|ol|blockquote|pre|table|tr|td|th|br|hr)\b[^>]*>/g, ' ').replace(/<[^>]+>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': '\'' })[e] ?? '').replace(/\s+/g, ' ').trim();
  if (text.length <= MAX) return text;
  const cut = text.slice(0, MAX);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX - 20))} …`;
}

declare global { interface Window { eigCardText?: (markdown: string, publishAt?: unknown) => string } }
if (typeof window !== 'undefined') window.eigCardText = (markdown, publishAt) => cardText(markdown, publishAt);
