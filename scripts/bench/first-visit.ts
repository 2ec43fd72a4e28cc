/**
 * What a first visit costs, measured in Debian's Chromium against a server (nginx with deploy/,
 * so compression and caching are production's): bytes downloaded by type at a mobile viewport
 * (empty cache; at load, then after scrolling to the bottom so lazy images load), and Lighthouse
 * 12.2.3 scores (mobile preset, simulated throttling) through chrome-launcher.
 */
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { launchBrowser } from '../../tests/helpers/browser.ts';

const TYPES: Record<string, string> = { Document: 'document', Stylesheet: 'css', Script: 'js', Font: 'font', Image: 'image', Media: 'image' };

export interface Bytes { atLoad: number; total: number; requests: number; byType: Record<string, number> }

/** Bytes on the wire (headers included, as CDP's encodedDataLength) of a first visit, per URL. */
export async function firstVisitBytes(base: string, paths: string[]): Promise<Record<string, Bytes>> {
  const browser = await launchBrowser();
  const out: Record<string, Bytes> = {};
  try {
    for (const path of paths) {
      const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      const types = new Map<string, string>();
      const b: Bytes = { atLoad: 0, total: 0, requests: 0, byType: {} };
      cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
      cdp.on('Network.loadingFinished', (e) => {
        const type = TYPES[types.get(e.requestId) ?? ''] ?? 'other';
        b.requests++;
        b.total += e.encodedDataLength;
        b.byType[type] = (b.byType[type] ?? 0) + e.encodedDataLength;
      });
      await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
      b.atLoad = b.total;
      await page.evaluate(async () => {
        for (let y = 0; y < document.body.scrollHeight; y += 500) { window.scrollTo(0, y); await new Promise((r) => setTimeout(r, 40)); }
      });
      await page.waitForLoadState('networkidle');
      out[path] = b;
      await context.close();
    }
  } finally { await browser.close(); }
  return out;
}

export interface Scores { performance: number; accessibility: number; 'best-practices': number; seo: number }

/** Lighthouse scores (0–100) of each URL, mobile preset, one Chromium reused for all. */
export async function lighthouseScores(base: string, paths: string[]): Promise<Record<string, Scores | { error: string }>> {
  const chrome = await launch({
    chromePath: process.env['CHROMIUM_PATH'] || '/usr/bin/chromium',
    chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const out: Record<string, Scores | { error: string }> = {};
  try {
    for (const path of paths) {
      try {
        const r = await lighthouse(`${base}${path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'] });
        const c = r?.lhr.categories;
        if (!c) throw new Error('pas de résultat');
        const s = (k: string) => Math.round((c[k]?.score ?? 0) * 100);
        out[path] = { performance: s('performance'), accessibility: s('accessibility'), 'best-practices': s('best-practices'), seo: s('seo') };
        const failing = Object.values(r.lhr.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary').map((a) => a.id);
        if (failing.length) (out[path] as Scores & { failing?: string[] }).failing = failing;
      } catch (e) { out[path] = { error: (e as Error).message.slice(0, 200) }; }
    }
  } finally { await chrome.kill(); }
  return out;
}
