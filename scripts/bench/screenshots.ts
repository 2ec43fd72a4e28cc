/**
 * Screenshots of every page type, at 1280 px and 390 px wide, full page, for a reviewer to look
 * at (and compare with the previous site's, ../shared/reference/legacy-screens/).
 *
 *   npm run screenshots                    # builds the demo content, then shoots it
 *   npm run screenshots -- /tmp/corpus-dist  # shoots an existing build
 *   CONTENT_DIR=… MEDIA_DIR=… npm run screenshots   # builds that content first
 *
 * Writes `screenshots/<label>/<page>-<width>.png` (git-ignored; label: `demo`, `content` when
 * CONTENT_DIR is set, or the build folder's name; SCREENSHOTS_DIR moves the root). One page per
 * type: fixed pages, then the first entry of each collection found in the build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { basename, join, resolve } from 'node:path';
import { staticServer } from '../../backoffice/server/static.ts';
import { launchBrowser } from '../../tests/helpers/browser.ts';

const WIDTHS = [1280, 390] as const;
const FIXED = [
  '/', '/programme/', '/defis/', '/talents/', '/agents/', '/equipe/', '/blog/', '/participer/',
  '/participer/candidats/', '/participer/candidats/postuler/', '/participer/candidats/faq/',
  '/participer/administrations/', '/participer/administrations/proposer/', '/participer/administrations/faq/',
  '/contact/', '/recherche/', '/chiffres/', '/donnees/', '/404.html',
];
/** Collections whose first entry stands for its page type. */
const FIRST_OF = ['defis', 'personnes', 'blog', 'themes', 'promos'];

function firstEntry(dist: string, section: string): string | undefined {
  const dir = join(dist, section);
  if (!existsSync(dir)) return undefined;
  const name = readdirSync(dir).sort().find((n) => n !== 'page' && statSync(join(dir, n)).isDirectory() && existsSync(join(dir, n, 'index.html')));
  return name ? `/${section}/${name}/` : undefined;
}

const arg = process.argv[2];
let dist: string;
let label: string;
if (arg) {
  dist = resolve(arg);
  label = basename(dist);
} else {
  label = process.env['CONTENT_DIR'] ? 'content' : 'demo';
  dist = resolve('node_modules/.cache/screenshots-dist', label);
  console.log(`Construction du site (${label}) dans ${dist}…`);
  execFileSync('npm', ['run', 'build'], { stdio: 'inherit', env: { ...process.env, OUT_DIR: dist } });
}
if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist} : pas de index.html, ce n’est pas un site construit`);

const out = resolve(process.env['SCREENSHOTS_DIR'] || 'screenshots', label);
mkdirSync(out, { recursive: true });
const pages = [...FIXED, ...FIRST_OF.map((s) => firstEntry(dist, s)).filter((p): p is string => Boolean(p))]
  .filter((p) => existsSync(join(dist, p.endsWith('/') ? `${p}index.html` : p)));

const server = staticServer(() => dist);
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await launchBrowser();
try {
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const path of pages) {
      await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
      // Lazy images: scroll to the bottom so they load, then back to the top.
      await page.evaluate(async () => {
        for (let y = 0; y < document.body.scrollHeight; y += 700) { window.scrollTo(0, y); await new Promise((r) => setTimeout(r, 30)); }
        window.scrollTo(0, 0);
      });
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const name = path === '/' ? 'accueil' : path.replace(/^\/|\/$|\.html$/g, '').replace(/\//g, '--');
      const file = join(out, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`${pages.length} page(s) × ${WIDTHS.length} largeurs dans ${out}`);
