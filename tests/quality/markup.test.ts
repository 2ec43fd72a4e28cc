/**
 * No raw shortcode (`{{<`, `{{%`) or Markdown markup (`**`, `](`, `#` heading markers) in any
 * page's visible text, meta and Open Graph descriptions, nor in the RSS feeds (demo build; the
 * imported corpus is checked in tests/e2e/corpus.test.ts).
 */
import { describe, expect, inject, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileFor } from '../helpers/built.ts';
import { htmlFiles } from '../helpers/links.ts';
import { rawMarkup, rawMarkupInFeed } from '../helpers/page-checks.ts';

const dist = inject('distDir');
const FEEDS = ['flux/articles.xml', 'flux/defis.xml'];

describe('no raw markup in the demo build', () => {
  it('in any page', () => {
    const pages = htmlFiles(dist);
    expect(pages.length).toBeGreaterThan(10);
    const found = pages.flatMap((p) => rawMarkup(readFileSync(fileFor(dist, p)!, 'utf8')).map((l) => `${p} ${l}`));
    expect(found).toEqual([]);
  });

  it('in the feeds', () => {
    for (const f of FEEDS) expect(existsSync(join(dist, f)), f).toBe(true);
    expect(FEEDS.flatMap((f) => rawMarkupInFeed(readFileSync(join(dist, f), 'utf8')).map((l) => `${f} ${l}`))).toEqual([]);
  });

  it('the check can fail', () => {
    const page = '<html><head><meta name="description" content="Le **«** EIG **»**"></head><body><p>{{< dailymotion x1 >}}</p><p>## Titre</p><p>[lien](/a)</p><pre>**code**</pre></body></html>';
    expect(rawMarkup(page).map((l) => l.split(' : ')[0] + ' : ' + l.split(' : ')[1]!.split(' dans')[0])).toEqual([
      '<meta description> : gras Markdown (**)', 'texte : raccourci brut', 'texte : titre Markdown (#)', 'texte : lien Markdown (](…)',
    ]);
    expect(rawMarkupInFeed('<item><title>A</title><description><![CDATA[Un **gras**]]></description></item>')).toHaveLength(1);
  });
});
