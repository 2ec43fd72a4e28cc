import type { Page } from 'playwright-core';

/** Internal links (same origin, no fragment-only) of the page's <main>, as absolute URLs, once each. */
export async function internalLinks(page: Page, base: string, scope = 'main'): Promise<string[]> {
  const hrefs = await page.locator(`${scope} a[href]`).evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  return [...new Set(hrefs.filter((h) => h.startsWith(base)).map((h) => h.split('#')[0]!))];
}

/** The URLs among `urls` that do not answer 200 (redirects followed). */
export async function unresolved(urls: readonly string[]): Promise<string[]> {
  const bad: string[] = [];
  for (const u of urls) {
    const r = await fetch(u);
    if (r.status !== 200) bad.push(`${u} → ${r.status}`);
  }
  return bad;
}
