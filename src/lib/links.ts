/** Whether a link leaves the site: an absolute http(s) URL to another host. */
export function isExternal(href: string, site: URL | undefined): boolean {
  if (!/^https?:\/\//i.test(href)) return false;
  try {
    return !site || new URL(href).host !== site.host;
  } catch {
    return false;
  }
}

/** Internal links as the site writes them: leading and trailing slash (`/talents` → `/talents/`). */
export function internalHref(href: string): string {
  if (/^(https?:|mailto:|tel:|#)/i.test(href)) return href;
  const [path = '', rest = ''] = href.split(/(?=[?#])/);
  const p = path.startsWith('/') ? path : `/${path}`;
  return (p.endsWith('/') || /\.[a-z0-9]+$/i.test(p) ? p : `${p}/`) + rest;
}
