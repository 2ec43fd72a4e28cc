/**
 * Whether a Markdown section already opens with its own heading (`## Des questions ?`): the page
 * then shows that heading alone instead of stacking its default one over it (« Questions » over
 * « Des questions ? »). Setext headings (underlined with === or ---) count too.
 */
export function opensWithHeading(markdown: string | undefined): boolean {
  const lines = (markdown ?? '').split(/\r?\n/).map((l) => l.trim());
  const first = lines.findIndex((l) => l !== '');
  if (first < 0) return false;
  if (/^#{1,6}\s/.test(lines[first]!)) return true;
  return /^(=+|-+)$/.test(lines[first + 1] ?? '');
}
