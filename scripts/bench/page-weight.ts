/**
 * Page weight as a first visit downloads it, measured in Chromium: a fresh browser context (empty
 * cache), the page loaded, then scrolled to the bottom so lazy images load too. Sums the CDP
 * `Network.loadingFinished` `encodedDataLength` (bytes on the wire, headers included) by type.
 *
 *   npx tsx scripts/bench/page-weight.ts [DIST_DIR] [/talents/ /defis/ …]
 *
 * Serves DIST_DIR (default dist/) on 127.0.0.1 with the same static server as the tests, twice:
 * as is (uncompressed) and with text files gzip-compressed (level 9, as nginx's gzip_static
 * serves the copies written by engine/deploy/compress.ts).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { CONTENT_TYPES, resolveStatic, staticServer } from '../../backoffice/server/static.ts';
import { launchBrowser } from '../../tests/helpers/browser.ts';

interface Weight { requests: number; bytes: number; byType: Record<string, number> }

async function measure(base: string, path: string, scroll: boolean): Promise<Weight> {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const types = new Map<string, string>();
    const w: Weight = { requests: 0, bytes: 0, byType: {} };
    cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
    cdp.on('Network.loadingFinished', (e) => {
      const type = types.get(e.requestId) ?? 'Other';
      w.requests++;
      w.bytes += e.encodedDataLength;
      w.byType[type] = (w.byType[type] ?? 0) + e.encodedDataLength;
    });
    await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
    // Fonts and late events: wait for the fonts, then let the last loadingFinished events arrive.
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.waitForTimeout(1000);
    if (scroll) {
      await page.evaluate(async () => {
        for (let y = 0; y < document.body.scrollHeight; y += 600) { window.scrollTo(0, y); await new Promise((r) => setTimeout(r, 50)); }
      });
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(1000);
    }
    return w;
  } finally {
    await browser.close();
  }
}

const args = process.argv.slice(2);
// The first argument is the build folder when it is a folder on disk (URL paths are not).
const dist = resolve(args[0] && existsSync(args[0]) && statSync(args[0]).isDirectory() ? args.shift()! : 'dist');
const paths = args.length ? args : ['/talents/', '/defis/'];
const TEXT = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.xml', '.txt']);
/** Answers text files gzip-compressed when the browser accepts it. */
function gzipHandler(req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const file = resolveStatic(dist, path);
  if (!file || !TEXT.has(extname(file)) || !/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return false;
  if (!path.endsWith('/') && file.endsWith('index.html')) return false; // let the server redirect
  res.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' });
  res.end(gzipSync(readFileSync(file), { level: 9 }));
  return true;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} Ko`;
for (const gzip of [false, true]) {
  const server = staticServer(() => dist, gzip ? [gzipHandler] : []);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const path of paths) {
    for (const scroll of [false, true]) {
      const w = await measure(base, path, scroll);
      const detail = Object.entries(w.byType).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${kb(n)}`).join(', ');
      console.log(`${path} ${gzip ? '[gzip]' : '[non compressé]'} ${scroll ? '(page parcourue jusqu’en bas)' : '(au chargement)'} : ${w.bytes} octets (${kb(w.bytes)}) en ${w.requests} requêtes — ${detail}`);
    }
  }
  server.close();
}
