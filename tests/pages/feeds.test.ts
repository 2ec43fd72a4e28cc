import { describe, expect, inject, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { loadContent } from '../../src/lib/content/load.ts';
import { resolveStatic } from '../../backoffice/server/static.ts';
import { siteConfig } from '../../src/lib/site-env.ts';
import { builtPages } from '../helpers/pages.ts';

const dist = inject('distDir');
const site = siteConfig().siteUrl;
const content = loadContent('content', 'media');
const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['item', 'url', 'sitemap'].includes(name) });
const readXml = (path: string) => {
  const text = readFileSync(join(dist, path), 'utf8');
  expect(XMLValidator.validate(text), path).toBe(true);
  return parser.parse(text) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed XML is untyped by nature
};
/** The built file a site URL points to; fails on another host. */
const fileOf = (url: string) => {
  expect(url.startsWith(`${site}/`), url).toBe(true);
  return resolveStatic(dist, decodeURI(new URL(url).pathname));
};

describe.each([
  { feed: 'flux/articles.xml', collection: 'articles' },
  { feed: 'flux/defis.xml', collection: 'defis' },
])('RSS feed $feed', ({ feed, collection }) => {
  const rss = readXml(feed)['rss'];
  const items = (rss.channel.item ?? []) as { title: string; link: string; guid: { '#text': string }; pubDate: string; description: string }[];
  const expected = content.entries.filter((e) => e.collection === collection && e.data['visible'] !== false);

  it('is an RSS 2.0 channel in French pointing to itself', () => {
    expect(rss['@_version']).toBe('2.0');
    expect(rss.channel.language).toBe('fr-FR');
    expect(rss.channel['atom:link']['@_href']).toBe(`${site}/${feed}`);
    expect(rss.channel.link).toBe(`${site}/`);
  });

  it('has one item per visible entry, newest first, with French text', () => {
    expect(items.map((i) => i.link).sort()).toEqual(expected.map((e) => `${site}${e.url}`).sort());
    const dates = items.map((i) => Date.parse(i.pubDate));
    expect(dates.every((d) => !Number.isNaN(d))).toBe(true);
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    for (const i of items) expect(i.description).toMatch(/publié le \d{1,2}(er)? [a-zéû]+ \d{4}/);
  });

  it('links only to built pages, with unique guids', () => {
    for (const i of items) expect(fileOf(i.link), i.link).toBeDefined();
    expect(new Set(items.map((i) => i.guid['#text'])).size).toBe(items.length);
  });

  it('is announced in the <head> of the pages', () => {
    const home = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(home).toContain(`<link rel="alternate" type="application/rss+xml" title="`);
    expect(home).toContain(`href="${site}/${feed}"`);
  });
});

it('the articles page links to the articles feed', () => {
  const blog = readFileSync(join(dist, 'blog', 'index.html'), 'utf8');
  expect(blog).toMatch(/<a [^>]*href="\/flux\/articles\.xml"[^>]*>S’abonner aux articles/);
});

describe('sitemap and robots.txt', () => {
  const robots = readFileSync(join(dist, 'robots.txt'), 'utf8');
  const sitemapUrl = /^Sitemap: (\S+)$/m.exec(robots)?.[1] ?? '';
  const index = readXml(new URL(sitemapUrl).pathname.slice(1));
  const locs = (index.sitemapindex.sitemap as { loc: string }[]).flatMap((s) => {
    const set = readXml(new URL(s.loc).pathname.slice(1));
    return (set.urlset.url as { loc: string }[]).map((u) => u.loc);
  });

  it('robots.txt names the sitemap with an absolute URL and keeps robots out of the back-office', () => {
    expect(sitemapUrl.startsWith(`${site}/`)).toBe(true);
    expect(existsSync(join(dist, new URL(sitemapUrl).pathname))).toBe(true);
    expect(robots).toMatch(/^Disallow: \/admin\/$/m);
  });

  it('lists absolute URLs, without duplicates', () => {
    expect(locs.length).toBeGreaterThan(0);
    expect(new Set(locs).size).toBe(locs.length);
    for (const l of locs) expect(l.startsWith(`${site}/`), l).toBe(true);
  });

  it('lists only real pages: built, not redirects, not noindex, not search', () => {
    for (const l of locs) {
      const file = fileOf(l);
      expect(file, l).toBeDefined();
      const html = readFileSync(file!, 'utf8');
      expect(html, l).not.toMatch(/http-equiv=["']?refresh/i);
      expect(html, l).not.toMatch(/name=["']?robots["']?[^>]+noindex/i);
    }
    expect(locs).not.toContain(`${site}/recherche/`);
  });

  it('lists every content page that was built', () => {
    const built = new Set(builtPages(dist));
    for (const e of content.entries) {
      if (!['defis', 'articles', 'personnes'].includes(e.collection) || !built.has(e.url)) continue;
      const html = readFileSync(resolveStatic(dist, e.url)!, 'utf8');
      if (/http-equiv=["']?refresh|noindex/i.test(html)) continue;
      expect(locs, e.url).toContain(`${site}${e.url}`);
    }
  });
});
