/**
 * Headings of a rendered Markdown body follow the page's outline: the body's top headings take
 * the level just under the heading it sits under (`under`, 1 for a body right under the page's
 * <h1>), and no heading skips a level below its parent (`#####` after `##` becomes <h3>).
 * Relative depth is kept: a `###` under a `##` stays one level deeper. Levels stop at 6.
 * Editors write headings however they like; the outline screen readers walk stays whole.
 */
const HEADING = /<(\/?)h([1-6])\b([^>]*)>/gi;

export function shiftHeadings(html: string, under = 1): string {
  if (!/<h[1-6]\b/i.test(html)) return html;
  const stack: { written: number; shown: number }[] = [];
  const open: number[] = [];
  return html.replace(HEADING, (_whole, closing: string, level: string, attrs: string) => {
    if (closing) return `</h${open.pop() ?? level}>`;
    const written = Number(level);
    while (stack.length && stack[stack.length - 1]!.written >= written) stack.pop();
    const parent = stack.length ? stack[stack.length - 1]!.shown : under;
    const shown = Math.min(6, parent + 1);
    stack.push({ written, shown });
    open.push(shown);
    return `<h${shown}${attrs}>`;
  });
}
