/** /robots.txt — lets robots in, keeps them out of the back-office and search results, points to the sitemap. */
import { siteConfig } from '../lib/site-env.ts';

export const GET = () => new Response(
  ['User-agent: *', 'Disallow: /admin/', 'Disallow: /recherche/', '', `Sitemap: ${siteConfig().siteUrl}/sitemap-index.xml`, ''].join('\n'),
  { headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
);
