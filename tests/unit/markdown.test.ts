import { describe, expect, it } from 'vitest';
import { markdownToText, renderMarkdown } from '../../src/lib/markdown/render.ts';
import { expandShortcodes } from '../../src/lib/markdown/shortcodes.ts';
import { shortcodeIssues } from '../../src/lib/content/shortcode-check.ts';
import { parseMarkdownFile } from '../../src/lib/content/frontmatter.ts';
import { fileType, folderType } from '../../src/content/model/index.ts';

const html = (md: string) => renderMarkdown(md).html;

describe('arrow-link shortcode', () => {
  it('becomes a DSFR arrow link, in a new window when target="true"', () => {
    const out = html('{{< arrow-link url="https://example.org/a" title="Voir l’exemple" target="true" >}}');
    expect(out).toContain('class="fr-link fr-icon-arrow-right-line fr-link--icon-right"');
    expect(out).toContain('href="https://example.org/a"');
    expect(out).toContain('target="_blank"');
    expect(out).toContain('title="Voir l’exemple - nouvelle fenêtre"');
    expect(out).toContain('>Voir l’exemple</a>');
    expect(renderMarkdown('{{< arrow-link url="/a" title="A" >}}').problems).toEqual([]);
  });

  it('stays in the same window for an internal link without target', () => {
    const out = html('{{< arrow-link url="/defis/" title="Les défis" >}}');
    expect(out).toContain('href="/defis/"');
    expect(out).not.toContain('target=');
  });

  it('refuses a javascript: url, reports it and shows the text', () => {
    const r = renderMarkdown('{{< arrow-link url="javascript:alert(1)" title="x" >}}');
    expect(r.html).not.toContain('href="javascript');
    expect(r.html).toBe('<p>x</p>\n');
    expect(r.problems).toHaveLength(1);
  });
});

describe('dailymotion shortcode', () => {
  it('becomes a consent card: a link to the video and no player before a click', () => {
    const r = renderMarkdown('Avant\n\n{{< dailymotion x7abc12 >}}\nAprès');
    expect(r.problems).toEqual([]);
    expect(r.html).not.toContain('<iframe');
    expect(r.html).toContain('data-embed-src="https://www.dailymotion.com/embed/video/x7abc12"');
    expect(r.html).toMatch(/<a [^>]*href="https:\/\/www\.dailymotion\.com\/video\/x7abc12"[^>]*>Voir la vidéo sur Dailymotion<\/a>/);
    expect(r.html).toContain('<button type="button"');
    // The text after the shortcode is still Markdown, not swallowed by the HTML block.
    expect(r.html).toContain('<p>Après</p>');
  });

  it('reports a missing or invalid id', () => {
    expect(renderMarkdown('{{< dailymotion >}}').problems).toHaveLength(1);
    expect(renderMarkdown('{{< dailymotion "x<y" >}}').problems).toHaveLength(1);
  });
});

describe('malformed shortcodes', () => {
  const source = 'Ligne 1\nLigne 2\n{{< arrow-link title="sans url" >}}\n{{< inconnu a=b >}}\n{{<arrow-link url="/x">}\nfin';

  it('are reported with their line', () => {
    const { problems } = expandShortcodes(source);
    expect(problems.map((p) => p.line)).toEqual([3, 4, 5]);
    expect(problems[0]!.message).toContain('arrow-link');
    expect(problems[1]!.message).toContain('inconnu');
    expect(problems[2]!.message).toContain('non fermé');
  });

  it('are never printed as shortcodes: their text (title) or nothing, never as HTML', () => {
    const out = html(source);
    expect(out).not.toContain('{{');
    expect(out).toContain('sans url');
    expect(out).not.toContain('a=b');
    // The unclosed one must not turn into an <arrow-link> element.
    expect(out).not.toMatch(/<arrow-link/);
    expect(out).toContain('fin');
  });

  it('a dailymotion glued to its title and without id (imported corpus) is reported and prints nothing', () => {
    const r = renderMarkdown('Avant\n\n{{< dailymotion"Vidéo de présentation du défi">}}\n\nAprès');
    expect(r.problems).toEqual([{ line: 3, message: 'raccourci dailymotion sans identifiant de vidéo valide : {{< dailymotion"Vidéo de présentation du défi">}}' }]);
    expect(r.html).not.toContain('{{');
    expect(r.html).not.toContain('Vidéo de présentation');
    expect(r.html).toContain('Après');
  });

  it('do not swallow the next valid shortcode', () => {
    const r = renderMarkdown('{{< arrow-link url="/a" title="A"\n\n{{< arrow-link url="/b" title="B" >}}');
    expect(r.html).toContain('href="/b"');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.line).toBe(1);
  });

  it('appear in the content checks with file, line and field', () => {
    const type = folderType('articles');
    const file = '---\ntitle: T\n---\nIntro\n\n{{< dailymotion >}}\n';
    const parsed = parseMarkdownFile(file);
    const issues = shortcodeIssues([{ file: 'blog/a.md', type, data: parsed.data, body: parsed.body, bodyLine: parsed.bodyLine }], () => undefined, () => file);
    expect(issues).toEqual([expect.objectContaining({ file: 'blog/a.md', line: 6, field: 'body', severity: 'warning' })]);
  });

  it('in a Markdown field of the front matter, are reported at the line of the shortcode', () => {
    const type = fileType('candidats-faq');
    const file = '---\ntitle: FAQ\nquestions:\n  - title: Q\n    desc: |\n      Texte\n      {{< inconnu >}}\ncontact: ok\n---\n';
    const parsed = parseMarkdownFile(file);
    const entry = { file: 'participer/candidats/faq.md', type, data: parsed.data, body: parsed.body, bodyLine: parsed.bodyLine };
    const issues = shortcodeIssues([entry], (_e, path) => parsed.lineOf(path), () => file);
    expect(issues).toEqual([expect.objectContaining({ line: 7, field: 'questions[0].desc' })]);
  });
});

describe('raw HTML is sanitised', () => {
  it('drops <script>, event handlers and javascript: URLs', () => {
    const out = html('<script>alert(1)</script>\n\n<p>Texte <img src="/img/a.png" alt="a" onerror="alert(2)"> <a href="javascript:alert(3)">lien</a> <a href="JaVaScRiPt:alert(4)">b</a></p>\n\n<div onclick="x()">c</div>');
    expect(out).not.toMatch(/<script|alert\(1\)/);
    expect(out).not.toMatch(/onerror|onclick/i);
    expect(out).not.toMatch(/javascript:/i);
    expect(out).toContain('lien');
    expect(out).toContain('<img src="/img/a.png" alt="a"');
  });

  it('keeps iframes only from the allow-list, and gates them behind a click', () => {
    const out = html([
      '<iframe src="https://evil.example/x"></iframe>',
      '<iframe src="javascript:alert(1)"></iframe>',
      '<iframe src="/local"></iframe>',
      '<iframe src="https://www.youtube-nocookie.com/embed/abc_DEF1" title="Film"></iframe>',
      '<iframe src="https://player.vimeo.com/video/123456"></iframe>',
      '<iframe src="https://tube.numerique.gouv.fr/videos/embed/9f2e"></iframe>',
    ].join('\n\n'));
    expect(out).not.toContain('<iframe');
    expect(out).not.toContain('evil.example');
    expect(out).not.toContain('/local');
    expect(out.match(/class="eig-embed"/g)).toHaveLength(3);
    expect(out).toContain('href="https://www.youtube.com/watch?v=abc_DEF1"');
    expect(out).toContain('Voir la vidéo sur Vimeo');
    expect(out).toContain('href="https://tube.numerique.gouv.fr/videos/watch/9f2e"');
  });

  it('renders ordinary Markdown', () => {
    const out = html('## Titre\n\n- un\n- deux\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n![](img/demo/x.svg)');
    expect(out).toContain('<h2>Titre</h2>');
    expect(out).toContain('<li>deux</li>');
    expect(out).toContain('<table>');
    expect(out).toContain('src="/img/demo/x.svg"');
  });
});

describe('markdownToText', () => {
  it('keeps the words, drops the markup and shortcodes', () => {
    expect(markdownToText('Un **texte** avec un [lien](/a).\n\n{{< dailymotion x1 >}}\n\nFin')).toBe('Un texte avec un lien. Fin');
  });
});

describe('legacy shortcode parameters', () => {
  it('an arrow-link to img/… (a file of the media) links to /img/…', () => {
    const r = renderMarkdown('{{< arrow-link url="img/synthese.pdf" title="La synthèse" target="true" >}}');
    expect(r.problems).toEqual([]);
    expect(r.html).toContain('href="/img/synthese.pdf"');
    expect(r.html).toContain('>La synthèse</a>');
    expect(r.html).not.toContain('{{');
  });

  it('a dailymotion video shows the title the editor wrote (second parameter or title=)', () => {
    const out = html('{{< dailymotion x6y009x "Vidéo « Archifiltre » & co">}}');
    expect(out).toContain('data-embed-title="Vidéo « Archifiltre » &amp; co"');
    expect(out).toContain('Vidéo « Archifiltre » &amp; co</p>');
    expect(out).not.toContain('Vidéo Dailymotion x6y009x');
    expect(html('{{< dailymotion id="x6y009x" title="Démo" >}}')).toContain('data-embed-title="Démo"');
    // Without a title, the provider and the id.
    expect(html('{{< dailymotion x6y009x >}}')).toContain('data-embed-title="Vidéo Dailymotion x6y009x"');
  });
});

describe('plain text for descriptions and feeds', () => {
  it('strips Markdown once: emphasis, links, line breaks', () => {
    expect(markdownToText('Le programme **«** EIG **»**\nen [bref](/programme/)')).toBe('Le programme « EIG » en bref');
  });
});

describe('body headings follow the page outline', () => {
  it('top headings take the level under the page heading; no level is skipped; depth is kept', async () => {
    const { shiftHeadings } = await import('../../src/lib/markdown/headings.ts');
    const body = html('##### Presse\n\nTexte\n\n###### Détail\n\n## Autre\n\n#### Sous-partie\n\n# Grand');
    expect([...shiftHeadings(body).matchAll(/<h(\d)>([^<]+)<\/h\1>/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual(['2 Presse', '3 Détail', '2 Autre', '3 Sous-partie', '2 Grand']);
    // Under a section's <h2>, the body's top headings are <h3>.
    expect(shiftHeadings('<h2 id="a">A</h2><h4>B</h4>', 2)).toBe('<h3 id="a">A</h3><h4>B</h4>');
    expect(shiftHeadings('<p>Sans titre</p>')).toBe('<p>Sans titre</p>');
  });
});

describe('tidying for assistive technologies', () => {
  it('drops links without text and empties an alt that repeats the caption beside it', () => {
    expect(html('Voir [](https://exemple.fr/a.pdf)[la plaquette](https://exemple.fr/a.pdf)')).toBe('<p>Voir <a href="https://exemple.fr/a.pdf">la plaquette</a></p>\n');
    const out = html('![L’outil Open, page d’accueil](/img/a.png)\n_L\'outil [Open](https://exemple.fr/), page d\'accueil_');
    expect(out).toContain('alt=""');
    expect(out).toContain('page d\'accueil</em>');
    // A different caption keeps the alternative.
    expect(html('![Une carte des défis](/img/a.png)\n_Source : programme_')).toContain('alt="Une carte des défis"');
  });
});

describe('an article summary shown once', () => {
  it('knows when the body opens with the summary (spacing, case, apostrophes and final dot aside)', async () => {
    const { bodyOpensWith } = await import('../../src/lib/markdown/render.ts');
    expect(bodyOpensWith(html('L’équipe a **livré** son outil.\n\nSuite.'), "l'équipe a livré  son outil")).toBe(true);
    expect(bodyOpensWith(html('Un autre début.\n\nL’équipe a livré son outil.'), 'L’équipe a livré son outil.')).toBe(false);
    expect(bodyOpensWith(html('## Titre\n\nL’équipe a livré son outil.'), 'L’équipe a livré son outil.')).toBe(false);
    expect(bodyOpensWith('', 'x')).toBe(false);
  });
});
