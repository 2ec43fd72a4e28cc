import { AUTO_PREFIX, isMetricName, metricNames } from '../figures/metrics.ts';

/**
 * The previous site's Hugo shortcodes, turned into HTML before Markdown rendering:
 * `{{< arrow-link url="…" title="…" target="true" >}}` and `{{< dailymotion ID "Titre" >}}`; and this
 * site's `{{< chiffre defis-perennises >}}`, which prints a figure computed from the content at
 * build (any `auto:` metric of lib/figures/metrics.ts, given by `context.metric`).
 * An arrow-link to `img/x.pdf` (a file of the media folder, as the previous site wrote them)
 * points to `/img/x.pdf`; a dailymotion's second parameter (or `title=`) is the video's title.
 * A malformed shortcode (unknown name, missing argument, no closing `>}}`) is reported with its
 * line and never printed as `{{< … >}}`: it leaves its text (an arrow-link's title, quoted
 * words, escaped), or nothing for a video or a figure.
 */
export interface ShortcodeProblem {
  /** 1-based line in the Markdown text given to {@link expandShortcodes}. */
  line: number;
  message: string;
}

/**
 * A whole shortcode, or a lone opener. The inside may span lines but not a blank line, and
 * never holds another opener, so an unclosed shortcode cannot swallow the next one.
 */
const TOKEN = /\{\{<((?:(?!\{\{<|>\}\}|\n[ \t]*\n)[\s\S])*)>\}\}|\{\{<([^\n{]*?(?:\}+|(?=\n)|$))/g;
const ATTR = /([a-zA-Z_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))/g;

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const SAFE_URL = /^(https?:\/\/|\/|#|mailto:)/i;

function arrowLink(args: string): string | undefined {
  const attrs: Record<string, string> = {};
  for (const m of args.matchAll(ATTR)) attrs[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  const raw = attrs['url']?.trim();
  const url = raw && /^\.?\/?img\//.test(raw) ? `/${raw.replace(/^\.?\//, '')}` : raw;
  if (!url || !SAFE_URL.test(url)) return undefined;
  const title = attrs['title']?.trim() || url;
  const newWindow = attrs['target'] === 'true' || attrs['target'] === '_blank';
  const ext = newWindow ? ` target="_blank" rel="noopener" title="${escapeAttr(`${title} - nouvelle fenêtre`)}"` : '';
  return `<a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="${escapeAttr(url)}"${ext}>${escapeText(title)}</a>`;
}

/** A shortcode's parameters: positional ones (quoted or bare) in order, and named ones (`key="v"`). */
export function shortcodeParams(args: string): { positional: string[]; named: Record<string, string> } {
  const positional: string[] = [];
  const named: Record<string, string> = {};
  for (const m of args.matchAll(/(?:([a-zA-Z_-]+)\s*=\s*)?(?:"([^"]*)"|'([^']*)'|([^\s"']+))/g)) {
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    if (m[1]) named[m[1].toLowerCase()] = value;
    else positional.push(value);
  }
  return { positional, named };
}

function dailymotion(args: string): string | undefined {
  const { positional, named } = shortcodeParams(args);
  const id = named['id'] ?? positional[0] ?? '';
  if (!/^[a-zA-Z0-9]+$/.test(id)) return undefined;
  const title = (named['title'] ?? positional[1] ?? '').trim() || `Vidéo Dailymotion ${id}`;
  // Turned into a consent card after sanitising (see embeds.ts): nothing loads before a click.
  // Blank lines around: an HTML block, whatever text follows on the next line.
  return `\n\n<div><iframe src="https://www.dailymotion.com/embed/video/${id}" title="${escapeAttr(title)}"></iframe></div>\n\n`;
}

/** What a shortcode may need from the site: computed figures (absent in previews and plain text). */
export interface ShortcodeContext {
  /** The text of a metric of lib/figures/metrics.ts (« 82 % », « 1 234 », or the incomplete-data sentence). */
  metric?: (name: string) => string | undefined;
}

function figure(args: string, context: ShortcodeContext): string | undefined {
  const name = args.trim().replace(/^name=/, '').replace(/["']/g, '').replace(new RegExp(`^${AUTO_PREFIX}`), '');
  if (!isMetricName(name)) return undefined;
  const text = context.metric?.(name);
  // Without the content (back-office preview), say what will be printed.
  return `<span class="eig-figure">${escapeText(text ?? `[chiffre calculé à la publication : ${name}]`)}</span>`;
}

/** What a shortcode that cannot be rendered leaves: its title or quoted words, escaped; nothing for a video or a figure. */
function fallbackText(name: string, args: string): string {
  if (name === 'dailymotion' || name === 'chiffre') return '';
  const { named } = shortcodeParams(args);
  const quoted = [...args.matchAll(/(?<![=\w])(?:"([^"]*)"|'([^']*)')/g)].map((m) => m[1] ?? m[2] ?? '');
  return escapeText((named['title'] ?? quoted.join(' ')).trim());
}

/** A shortcode's name: what precedes its first space or quote (`dailymotion"Titre"` is a dailymotion). */
const nameOf = (inner: string) => /^[^\s"']*/.exec(inner)?.[0] ?? '';

export function expandShortcodes(source: string, context: ShortcodeContext = {}): { text: string; problems: ShortcodeProblem[] } {
  const problems: ShortcodeProblem[] = [];
  // Matches come in order: lines are counted once over the text, not from its start each time
  // (a 2 MB body full of `{{<` made that quadratic).
  let counted = 0;
  let line = 1;
  const lineOf = (index: number) => {
    for (; counted < index; counted++) if (source.charCodeAt(counted) === 10) line++;
    return line;
  };
  const text = source.replace(TOKEN, (whole: string, inner: string | undefined, unclosed: string | undefined, index: number) => {
    const line = lineOf(index);
    if (inner === undefined) {
      const rest = (unclosed ?? '').replace(/>?\}+$/, '').trim();
      problems.push({ line, message: `raccourci non fermé (« {{< » sans « >}} ») : ${whole.trim()} (seul son texte est affiché)` });
      return fallbackText(nameOf(rest), rest.slice(nameOf(rest).length));
    }
    const trimmed = inner.trim();
    const name = nameOf(trimmed);
    const args = trimmed.slice(name.length);
    const shown = whole.replace(/\s*\n\s*/g, ' ');
    let html: string | undefined;
    if (name === 'arrow-link') {
      html = arrowLink(args);
      if (!html) problems.push({ line, message: `raccourci arrow-link sans url valide : ${shown}` });
    } else if (name === 'dailymotion') {
      html = dailymotion(args);
      if (!html) problems.push({ line, message: `raccourci dailymotion sans identifiant de vidéo valide : ${shown}` });
    } else if (name === 'chiffre') {
      html = figure(args, context);
      if (!html) problems.push({ line, message: `raccourci chiffre sans chiffre connu : ${shown} (possibles : ${metricNames.join(', ')})` });
    } else {
      problems.push({ line, message: `raccourci inconnu « ${name} » : ${shown} (seul son texte est affiché)` });
    }
    return html ?? fallbackText(name, args);
  });
  return { text, problems };
}
