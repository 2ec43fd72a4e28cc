import type { LegacyUrl } from './urls.ts';

export interface Redirect { from: string; to: string }

const withoutQuery = (p: string) => p.split(/[?#]/)[0]!;

/** Parent paths of a path, nearest first: `/a/b/c/` → `/a/b/`, `/a/`, `/`. */
function parents(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  const out: string[] = [];
  for (let i = parts.length - 1; i >= 0; i--) out.push(i === 0 ? '/' : `/${parts.slice(0, i).join('/')}/`);
  return out;
}

/**
 * For every legacy URL the new site does not serve, the closest page it does serve: the
 * URL's own targets first (the entry's new address, the list it belongs to…), then its parent
 * folders, then the home page.
 */
export function planRedirects(urls: readonly LegacyUrl[], exists: (path: string) => boolean): Redirect[] {
  const out: Redirect[] = [];
  for (const u of urls) {
    if (exists(u.path)) continue;
    const to = [...u.targets, ...parents(u.path)].find((t) => t !== u.path && exists(withoutQuery(t))) ?? '/';
    out.push({ from: u.path, to });
  }
  return out;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A static redirect page: immediate meta refresh, canonical link, a visible link, not indexed. */
export function redirectPage(to: string, siteUrl: string): string {
  const href = esc(to);
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Page déplacée - Entrepreneurs d’intérêt général</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="${esc(siteUrl)}${href}">
<meta http-equiv="refresh" content="0; url=${href}">
</head>
<body data-pagefind-ignore="all">
<main>
<h1>Cette page a changé d’adresse</h1>
<p>Son contenu se trouve désormais ici : <a href="${href}">${esc(decodeURI(to))}</a>.</p>
</main>
</body>
</html>
`;
}

/**
 * The same redirects for nginx (`map $uri $eig_redirect { include …; }`): `"/old/" "/new/";`.
 * nginx compares a map's plain keys without case, so `/img/Logo.png` would also catch the
 * media file `/img/logo.png`, and redirect `/img/logo.png` to itself in a loop when that is
 * its new name: a key with capitals is written as a case-sensitive regex matching it alone.
 */
export function nginxMap(redirects: readonly Redirect[]): string {
  const q = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;
  const key = (from: string) => (from === from.toLowerCase() ? q(from) : q(`~^${from.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&')}$`));
  return redirects.map((r) => `${key(r.from)} ${q(r.to)};\n`).join('');
}
