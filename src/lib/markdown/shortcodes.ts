/**
 * The previous site's Hugo shortcodes, turned into HTML before Markdown rendering:
 * `{{< arrow-link url="…" title="…" target="true" >}}` and `{{< dailymotion ID >}}`.
 * A malformed shortcode is reported and left as plain text (escaped by Markdown).
 */
export interface ShortcodeProblem { line: number; message: string }

const SHORTCODE = /\{\{<\s*([\s\S]*?)\s*>\}\}/g;
const ATTR = /([a-zA-Z_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))/g;

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function expandShortcodes(source: string): { text: string; problems: ShortcodeProblem[] } {
  const problems: ShortcodeProblem[] = [];
  const lineOf = (index: number) => source.slice(0, index).split('\n').length;
  const text = source.replace(SHORTCODE, (whole, inner: string, index: number) => {
    const [name = '', ...rest] = inner.trim().split(/\s+/);
    const args = rest.join(' ');
    if (name === 'arrow-link') {
      const attrs: Record<string, string> = {};
      for (const m of args.matchAll(ATTR)) attrs[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
      const url = attrs['url'];
      if (!url || !/^(https?:\/\/|\/|#|mailto:)/i.test(url)) {
        problems.push({ line: lineOf(index), message: `raccourci arrow-link sans url valide : ${whole}` });
        return escapeText(whole);
      }
      const title = attrs['title'] || url;
      const external = attrs['target'] === 'true' || /^https?:\/\//i.test(url);
      const ext = external ? ` target="_blank" rel="noopener" title="${escapeAttr(`${title} - nouvelle fenêtre`)}"` : '';
      return `<a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="${escapeAttr(url)}"${ext}>${escapeText(title)}</a>`;
    }
    if (name === 'dailymotion') {
      const id = rest[0]?.replace(/^id=/, '').replace(/["']/g, '');
      if (!id || !/^[a-zA-Z0-9]+$/.test(id)) {
        problems.push({ line: lineOf(index), message: `raccourci dailymotion sans identifiant de vidéo valide : ${whole}` });
        return escapeText(whole);
      }
      return `<div class="fr-responsive-vid"><iframe class="fr-responsive-vid__player" src="https://www.dailymotion.com/embed/video/${id}" title="Vidéo Dailymotion ${id}" allowfullscreen loading="lazy"></iframe></div>`;
    }
    problems.push({ line: lineOf(index), message: `raccourci inconnu « ${name} » : affiché tel quel` });
    return escapeText(whole);
  });
  // An opening "{{<" left without its closing "}}" is malformed too.
  const stray = /\{\{<(?![\s\S]*?>\}\})/.exec(text);
  if (stray) problems.push({ line: lineOf(stray.index), message: 'raccourci non fermé (« {{< » sans « >}} ») : affiché tel quel' });
  return { text, problems };
}
