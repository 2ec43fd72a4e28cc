/**
 * The call pages while a call is OPEN. The demo content has both calls closed, so this builds a
 * copy of it with `open: true` (CONTENT_DIR) and checks the templates switch: the apply button
 * shows and the "next promotion" block is gone. One extra build (≈ 1–2 min on 2 cores).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { pageData } from '../helpers/demo-content.ts';
import { staticServer } from '../../backoffice/server/static.ts';

const CALL_PAGES = ['participer/candidats/_index.md', 'participer/administrations/_index.md'];
const root = mkdtempSync(join(tmpdir(), 'eig-open-'));
let server: Server | undefined;
let base = '';
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const contentDir = join(root, 'content');
  cpSync('content', contentDir, { recursive: true });
  for (const file of CALL_PAGES) {
    const full = join(contentDir, file);
    const text = readFileSync(full, 'utf8');
    if (!/^open: false$/m.test(text)) throw new Error(`${file} : « open: false » attendu dans le contenu de démonstration`);
    writeFileSync(full, text.replace(/^open: false$/m, 'open: true'));
  }
  const distDir = join(root, 'dist');
  const env = { ...process.env, CONTENT_DIR: contentDir, MEDIA_DIR: resolve('media'), OUT_DIR: distDir, ASTRO_CACHE_DIR: join(root, 'cache') };
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (r.status !== 0) throw new Error('La construction du contenu « appel ouvert » a échoué.');
  server = staticServer(() => distDir);
  await new Promise<void>((ok) => server!.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  page = await browser.newPage();
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
  rmSync(root, { recursive: true, force: true });
});

describe.each([
  ['/participer/candidats/', 'candidates'],
  ['/participer/administrations/', 'admins'],
])('%s while the call is open', (url, name) => {
  const data = pageData(name) as { head: { apply: { title: string; url: string } }; wait: { title: string } };

  it('shows the apply button and not the "next promotion" block', async () => {
    await page.goto(`${base}${url}`);
    const call = page.locator('.eig-call').first();
    expect(await call.getAttribute('data-call-state')).toBe('apply');
    const button = call.locator('a.fr-btn');
    expect((await button.textContent())?.trim()).toBe(data.head.apply.title);
    expect(await button.getAttribute('href')).toBe(data.head.apply.url);
    expect(await page.locator('.fr-callout__title').allTextContents()).not.toContain(data.wait.title.trim());
    expect((await page.locator('main').textContent())!).not.toContain(data.wait.title.trim());
  });
});
