/**
 * The production nginx configuration (deploy/) serving the demo build: security headers,
 * precompressed responses, caching, the redirect map, the custom 404, and pages that run with
 * the Content Security Policy without a single violation in Chromium. nginx is installed with apt
 * when missing (as root); without root and without nginx the suite is skipped with the command to
 * run. nginx runs on a free loopback port and is stopped by its PID.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer, get as httpGet, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { ensureNginx, startNginx, type LocalNginx } from '../helpers/nginx.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { nginxMap } from '../../src/lib/legacy/redirects.ts';

const dist = inject('distDir');
const install = ensureNginx();
if (!install.ok) console.warn(`tests/deploy/nginx.test.ts ignoré : ${install.why}`);

const get = (n: LocalNginx, path: string, headers: Record<string, string> = {}) =>
  fetch(`${n.baseUrl}${path}`, { headers: { 'accept-encoding': 'identity', ...headers }, redirect: 'manual' });
/** The bytes as sent (fetch would decompress them). */
const raw = (n: LocalNginx, path: string, headers: Record<string, string>) => new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((ok, ko) => {
  httpGet(`${n.baseUrl}${path}`, { headers }, (res) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => ok({ headers: res.headers, body: Buffer.concat(chunks) }));
  }).on('error', ko);
});

/** CSP violations Chromium reports while loading a URL (listener installed before any script). */
async function cspViolations(browser: Browser, url: string, settle = 200): Promise<{ status: number | undefined; violations: string[] }> {
  const context = await browser.newContext({ colorScheme: 'dark' });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.effectiveDirective} ${e.blockedURI || 'inline'} ${e.sourceFile ?? ''}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  const response = await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForTimeout(settle);
  const violations = await page.evaluate(() => window.__csp);
  await context.close();
  return { status: response?.status(), violations };
}
const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));

describe.skipIf(!install.ok)('nginx with deploy/nginx.conf', () => {
  let nginx: LocalNginx;
  beforeAll(async () => { nginx = await startNginx(dist); });
  afterAll(async () => { await nginx?.stop(); });

  it('the build carries the server files (CSP, precompressed copies)', () => {
    expect(existsSync(join(dist, 'nginx-csp.conf'))).toBe(true);
    expect(existsSync(join(dist, 'index.html.gz'))).toBe(true);
    const css = readdirSync(join(dist, '_astro')).find((f) => f.endsWith('.css') && statSync(join(dist, '_astro', f)).size > 1024)!;
    expect(existsSync(join(dist, '_astro', `${css}.br`))).toBe(true);
  });

  it('serves /img/ with its own types, nosniff and a sandboxing CSP (an SVG runs no script)', async () => {
    const svg = readdirSync(join(dist, 'img')).find((f) => f.endsWith('.svg'))!;
    const r = await get(nginx, `/img/${svg}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/svg+xml');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-disposition')).toBeNull();
    const csp = directives(r.headers.get('content-security-policy') ?? '');
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.has('sandbox')).toBe(true);
    expect(csp.has('script-src')).toBe(false);
  });

  it('sends the security headers, with a CSP without unsafe-inline on public pages', async () => {
    const r = await get(nginx, '/programme/');
    expect(r.status).toBe(200);
    const csp = directives(r.headers.get('content-security-policy') ?? '');
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    for (const [name, values] of csp) {
      expect(values, name).not.toContain("'unsafe-inline'");
      expect(values, name).not.toContain("'unsafe-eval'");
    }
    expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d{8}/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(r.headers.get('permissions-policy')).toContain('camera=()');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('server')).toBe('nginx');
  });

  it('gives /admin/ what Decap CMS needs, and only there', async () => {
    const r = await get(nginx, '/admin/');
    expect(r.status).toBe(200);
    const csp = directives(r.headers.get('content-security-policy') ?? '');
    expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toContain("'unsafe-inline'");
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const search = directives((await get(nginx, '/recherche/')).headers.get('content-security-policy') ?? '');
    expect(search.get('script-src')).toContain("'wasm-unsafe-eval'");
    expect(directives((await get(nginx, '/')).headers.get('content-security-policy') ?? '').get('script-src')).not.toContain("'wasm-unsafe-eval'");
  });

  it('keeps Decap’s login popup working: COOP same-origin-allow-popups on /admin/ only; config.yml as YAML', async () => {
    expect((await get(nginx, '/programme/')).headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect((await get(nginx, '/admin/')).headers.get('cross-origin-opener-policy')).toBe('same-origin-allow-popups');
    const config = await get(nginx, '/admin/config.yml');
    expect(config.status).toBe(200);
    expect(config.headers.get('content-type')).toMatch(/^text\/yaml\b/);
    expect(config.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await config.text()).toMatch(/^backend:/m);
  });

  it('serves the precompressed copies as they are: gzip for pages, brotli for hashed assets', async () => {
    const plain = readFileSync(join(dist, 'programme', 'index.html'));
    const gz = await raw(nginx, '/programme/', { 'accept-encoding': 'br, gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['vary']).toContain('Accept-Encoding');
    // The precompressed file itself, not a compression made on the fly.
    expect(gz.body.equals(readFileSync(join(dist, 'programme', 'index.html.gz')))).toBe(true);
    expect(gunzipSync(gz.body).equals(plain)).toBe(true);
    const identity = await raw(nginx, '/programme/', { 'accept-encoding': 'identity' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body.equals(plain)).toBe(true);
    const css = readdirSync(join(dist, '_astro')).find((f) => f.endsWith('.css') && statSync(join(dist, '_astro', f)).size > 1024)!;
    const asset = await raw(nginx, `/_astro/${css}`, { 'accept-encoding': 'gzip, br' });
    expect(asset.headers['content-encoding']).toBe(nginx.brotli ? 'br' : 'gzip');
    const file = readFileSync(join(dist, '_astro', `${css}.${nginx.brotli ? 'br' : 'gz'}`));
    expect(asset.body.equals(file)).toBe(true);
    expect((nginx.brotli ? brotliDecompressSync(asset.body) : gunzipSync(asset.body)).equals(readFileSync(join(dist, '_astro', css)))).toBe(true);
  });

  it('caches hashed assets for a year and pages briefly', async () => {
    const css = readdirSync(join(dist, '_astro')).find((f) => f.endsWith('.css'))!;
    const asset = await get(nginx, `/_astro/${css}`, { 'accept-encoding': 'gzip' });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/^text\/css/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const page = await get(nginx, '/programme/');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toMatch(/max-age=0\b/);
    expect(page.headers.get('etag')).toBeTruthy();
    const again = await get(nginx, '/programme/', { 'if-none-match': page.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('redirects an old URL of the map, and a folder without its trailing slash', async () => {
    const map = existsSync(join(dist, 'nginx-redirects.map')) ? readFileSync(join(dist, 'nginx-redirects.map'), 'utf8') : '';
    const first = /^"([^"]+)" "([^"]+)";$/m.exec(map);
    expect(first, 'la construction de démonstration a au moins une redirection').toBeTruthy();
    const r = await get(nginx, first![1]!);
    expect(r.status).toBe(301);
    expect(r.headers.get('location')).toBe(first![2]);
    expect(r.headers.get('strict-transport-security')).toBeTruthy();
    const slash = await get(nginx, '/programme');
    expect(slash.status).toBe(301);
    expect(slash.headers.get('location')).toBe('/programme/');
  });

  it('answers an unknown URL with the site’s 404 page and status, and hides the server files', async () => {
    const r = await get(nginx, '/cette-page-n-existe-pas/');
    expect(r.status).toBe(404);
    expect(await r.text()).toBe(readFileSync(join(dist, '404.html'), 'utf8'));
    expect(r.headers.get('content-security-policy')).toBeTruthy();
    expect((await get(nginx, '/nginx-csp.conf')).status).toBe(404);
    expect((await get(nginx, '/nginx-redirects.map')).status).toBe(404);
  });

  describe('pages in Chromium under the CSP', () => {
    let browser: Browser;
    beforeAll(async () => { browser = await launchBrowser(); });
    afterAll(async () => { await browser?.close(); });

    it('/admin/: a popup on another origin (the GitHub login) can still answer through window.opener', async () => {
      // The OAuth gateway's last page, on another origin: it posts the token to the admin page.
      const gateway = createServer((_, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!doctype html><script>window.opener ? window.opener.postMessage("authorization:github:success", "*") : document.title = "sans opener";</script>');
      });
      await new Promise<void>((ok) => gateway.listen(0, '127.0.0.1', ok));
      const port = (gateway.address() as AddressInfo).port;
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(`${nginx.baseUrl}/admin/`);
        // localhost vs 127.0.0.1: another origin, as the gateway is.
        const message = page.evaluate(() => new Promise<string>((ok) => {
          window.addEventListener('message', (e) => ok(String(e.data)));
          setTimeout(() => ok('aucun message'), 5000);
        }));
        await page.evaluate((url) => { window.open(url, 'login', 'width=400,height=400'); }, `http://localhost:${port}/`);
        expect(await message).toBe('authorization:github:success');
      } finally {
        await context.close();
        await new Promise((ok) => gateway.close(ok));
      }
    });

    it('/admin/ without a back-office server: one /_status.json asked (404), then no polling and no bar', async () => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        let asked = 0;
        page.on('request', (r) => { if (new URL(r.url()).pathname === '/_status.json') asked += 1; });
        await page.goto(`${nginx.baseUrl}/admin/`, { waitUntil: 'networkidle' });
        await page.waitForTimeout(7000); // two polling periods (3 s)
        expect(asked).toBe(1);
        expect(await page.locator('#eig-status').isVisible()).toBe(false);
      } finally { await context.close(); }
    });

    it.each(['/', '/programme/', '/defis/', '/talents/', '/participer/candidats/faq/', '/recherche/?q=donn%C3%A9es', '/admin/'])('%s: no CSP violation', async (path) => {
      const { status, violations } = await cspViolations(browser, `${nginx.baseUrl}${path}`, path === '/admin/' ? 1500 : 200);
      expect(status).toBe(200);
      expect(violations).toEqual([]);
    });
  });
});

describe.skipIf(!install.ok)('nginx without a redirect map', () => {
  it('starts and serves when the map is missing, and when it is empty', async () => {
    const tiny = mkdtempSync(join(tmpdir(), 'eig-tiny-dist-'));
    writeFileSync(join(tiny, 'index.html'), '<!doctype html><title>ok</title><script>document.title = "inline";</script>');
    writeFileSync(join(tiny, '404.html'), '<!doctype html><title>404</title>');
    copyFileSync(join(dist, 'nginx-csp.conf'), join(tiny, 'nginx-csp.conf'));
    for (const map of [undefined, '']) {
      if (map !== undefined) writeFileSync(join(tiny, 'nginx-redirects.map'), map);
      const n = await startNginx(tiny);
      try {
        expect((await get(n, '/')).status).toBe(200);
        expect((await get(n, '/ailleurs/')).status).toBe(404);
        if (map === '') {
          // The CSP check can fail: an inline script without its hash is blocked and reported.
          const browser = await launchBrowser();
          try {
            const { violations } = await cspViolations(browser, `${n.baseUrl}/`);
            expect(violations.some((v) => v.startsWith('script-src'))).toBe(true);
          } finally { await browser.close(); }
        }
      } finally { await n.stop(); }
    }
  });
});

describe.skipIf(!install.ok)('nginx and old addresses that differ from new ones by case only', () => {
  it('redirects the old address once, and neither loops nor catches the media file of the new name', async () => {
    const tiny = mkdtempSync(join(tmpdir(), 'eig-case-dist-'));
    mkdirSync(join(tiny, 'img'));
    writeFileSync(join(tiny, 'index.html'), '<!doctype html><title>ok</title>');
    writeFileSync(join(tiny, '404.html'), '<!doctype html><title>404</title>');
    writeFileSync(join(tiny, 'img', 'blogpost_eig3-1.png'), 'png');
    writeFileSync(join(tiny, 'img', 'promo-logo.png'), 'png');
    writeFileSync(join(tiny, 'img', 'logo.png'), 'png');
    copyFileSync(join(dist, 'nginx-csp.conf'), join(tiny, 'nginx-csp.conf'));
    writeFileSync(join(tiny, 'nginx-redirects.map'), nginxMap([
      { from: '/img/Blogpost_EIG3-1.png', to: '/img/blogpost_eig3-1.png' },
      { from: '/img/Logo.png', to: '/img/promo-logo.png' },
      { from: '/img/Promo (6)/Logo.png', to: '/img/promo-logo.png' },
    ]));
    const n = await startNginx(tiny);
    try {
      const old = await get(n, '/img/Blogpost_EIG3-1.png');
      expect(old.status).toBe(301);
      expect(new URL(old.headers.get('location')!, n.baseUrl).pathname).toBe('/img/blogpost_eig3-1.png');
      expect((await get(n, '/img/blogpost_eig3-1.png')).status).toBe(200);
      const folder = await get(n, encodeURI('/img/Promo (6)/Logo.png'));
      expect([folder.status, new URL(folder.headers.get('location')!, n.baseUrl).pathname]).toEqual([301, '/img/promo-logo.png']);
      const logo = await get(n, '/img/Logo.png');
      expect([logo.status, new URL(logo.headers.get('location')!, n.baseUrl).pathname]).toEqual([301, '/img/promo-logo.png']);
      // nginx compares plain keys without case: this file would be redirected with a plain key.
      expect((await get(n, '/img/logo.png')).status).toBe(200);
    } finally { await n.stop(); }
  });
});
