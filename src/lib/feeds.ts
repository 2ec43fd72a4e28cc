/**
 * RSS feeds of articles and défis (@astrojs/rss): absolute links, French channel, newest first.
 * RSS dates are RFC 822 by the standard; each item's description also gives the French date.
 */
import rss from '@astrojs/rss';
import { siteConfig } from './site-env.ts';
import { all } from './content/query.ts';
import { isVisible } from './content/relations.ts';
import { SITE_NAME } from './site-identity.ts';
import { markdownToText } from './markdown/render.ts';

export interface FeedSpec {
  collection: 'articles' | 'defis';
  title: string;
  description: string;
  /** Path of the feed itself, for the atom:link rel="self". */
  path: string;
  /** The short text of an item. */
  summary: (data: Record<string, unknown>) => string;
}

export const FEEDS = {
  articles: {
    collection: 'articles', path: '/flux/articles.xml',
    title: `Articles — ${SITE_NAME}`, description: 'Les derniers articles du blog du programme Entrepreneurs d’intérêt général.',
    summary: (d) => markdownToText(String(d['description'] ?? '')),
  },
  defis: {
    collection: 'defis', path: '/flux/defis.xml',
    title: `Défis — ${SITE_NAME}`, description: 'Les défis d’intérêt général relevés par les talents du programme.',
    summary: (d) => [d['who'], d['description']].map((v) => markdownToText(typeof v === 'string' ? v : '')).filter(Boolean).join(' — '),
  },
} as const satisfies Record<string, FeedSpec>;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const frDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/**
 * The feed's items, from the collection's entries as query.ts hands them out: the feed depends
 * on the fields it shows of them (date, title, summary, author), not on the whole content set.
 */
export async function feedItems(spec: FeedSpec) {
  const { siteUrl } = siteConfig();
  const entries: { id: string; data: { date: Date; _meta: { url: string; title: string } } & Record<string, unknown> }[] = await all(spec.collection);
  return entries
    .filter((e) => isVisible(e))
    .sort((a, b) => b.data.date.getTime() - a.data.date.getTime() || a.id.localeCompare(b.id))
    .map((e) => {
      const date = e.data.date;
      return {
        title: e.data._meta.title,
        link: `${siteUrl}${e.data._meta.url}`,
        pubDate: date,
        description: `${spec.summary(e.data)} (publié le ${frDate.format(date)})`,
        // RSS's <author> wants an e-mail address; Dublin Core's creator takes a plain name.
        ...(typeof e.data['author'] === 'string' ? { customData: `<dc:creator>${escapeXml(e.data['author'])}</dc:creator>` } : {}),
      };
    });
}

export async function feedResponse(spec: FeedSpec) {
  const { siteUrl } = siteConfig();
  return rss({
    title: spec.title,
    description: spec.description,
    site: `${siteUrl}/`,
    items: await feedItems(spec),
    xmlns: { atom: 'http://www.w3.org/2005/Atom', dc: 'http://purl.org/dc/elements/1.1/' },
    customData: `<language>fr-FR</language><atom:link href="${siteUrl}${spec.path}" rel="self" type="application/rss+xml"/>`,
    trailingSlash: true,
  });
}
