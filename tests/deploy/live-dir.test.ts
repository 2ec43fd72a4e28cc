/**
 * The public site's atomic go-live (PUBLISH_DIR, backoffice/publish/live-dir.ts) under a real
 * nginx (deploy/nginx.conf, root PUBLISH_DIR/current, a non-daemon child on loopback): builds
 * are swapped in while clients GET a page and then the stylesheet it names, in a bounded loop
 * (a bounded count and a deadline). Each build carries its id in the page and in its
 * stylesheet (a hashed name, as Astro's): no request may fail and no pair may mix two builds.
 * Then a failing deploy command, shown in the status in French.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveDir } from '../../backoffice/publish/live-dir.ts';
import { statusLine } from '../../backoffice/admin/status-text.ts';
import { statusPage } from '../../backoffice/status/page.ts';
import type { StackStatus } from '../../backoffice/types.ts';
import { ensureNginx, startNginx, type LocalNginx } from '../helpers/nginx.ts';

const install = ensureNginx();
if (!install.ok) console.warn(`tests/deploy/live-dir.test.ts ignoré : ${install.why}`);

const SWAPS = 12;
const root = mkdtempSync(join(tmpdir(), 'eig-live-'));
const publishDir = join(root, 'public');

/** A small site whose page and stylesheet both say which build they are. */
function makeBuild(k: number): { dir: string; css: string } {
  const dir = join(root, 'builds', `${1000 + k}-build${k}`);
  const style = `/* build ${k} */\n:root { --build: "${k}"; }\n${'.x { color: #161616; margin: 0 auto; padding: 1rem; }\n'.repeat(12)}`;
  const css = `site.${createHash('sha1').update(style).digest('hex').slice(0, 8)}.css`;
  const page = (title: string) => `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title><link rel="stylesheet" href="/_astro/${css}"></head>`
    + `<body><main><h1 data-build="${k}">${title}</h1>${'<p>Un paragraphe de la page, pour qu’elle soit précompressée.</p>'.repeat(8)}</main></body></html>`;
  mkdirSync(join(dir, '_astro'), { recursive: true });
  mkdirSync(join(dir, 'programme'), { recursive: true });
  writeFileSync(join(dir, '_astro', css), style);
  writeFileSync(join(dir, 'index.html'), page(`Accueil ${k}`));
  writeFileSync(join(dir, 'programme', 'index.html'), page(`Programme ${k}`));
  writeFileSync(join(dir, '404.html'), page('Page introuvable'));
  return { dir, css };
}

/** The bytes as sent, with their encoding. */
const raw = (url: string, encoding: string) => new Promise<{ status: number; encoding: string | undefined }>((ok, ko) => {
  httpGet(url, { headers: { 'accept-encoding': encoding } }, (res) => { res.resume(); res.on('end', () => ok({ status: res.statusCode ?? 0, encoding: res.headers['content-encoding'] })); }).on('error', ko);
});

describe.skipIf(!install.ok)('PUBLISH_DIR: builds swapped in atomically under nginx', () => {
  let nginx: LocalNginx;
  const status: { live?: StackStatus['live'] } = {};
  const logs: string[] = [];
  const live = liveDir({ publishDir, status, log: (l) => logs.push(l) });
  const builds = Array.from({ length: SWAPS + 1 }, (_, k) => makeBuild(k));

  beforeAll(async () => {
    await live.goLive(builds[0]!.dir, 'c'.repeat(40));
    nginx = await startNginx(join(publishDir, 'current'));
  });
  afterAll(async () => { await nginx?.stop(); rmSync(root, { recursive: true, force: true }); });

  it('current is a link to a build carrying what nginx needs (CSP file, precompressed copies)', async () => {
    expect(readlinkSync(join(publishDir, 'current'))).toBe(join('builds', '1000-build0'));
    expect(existsSync(join(publishDir, 'current', 'nginx-csp.conf'))).toBe(true);
    expect(existsSync(join(publishDir, 'current', 'index.html.gz'))).toBe(true);
    expect(existsSync(join(publishDir, 'current', '_astro', `${builds[0]!.css}.br`))).toBe(true);
    expect(await raw(`${nginx.baseUrl}/programme/`, 'gzip')).toEqual({ status: 200, encoding: 'gzip' });
    expect((await raw(`${nginx.baseUrl}/_astro/${builds[0]!.css}`, 'br, gzip')).encoding).toBe(nginx.brotli ? 'br' : 'gzip');
  });

  it('swaps builds while clients load pages and their stylesheet: no failure, never two builds mixed', async () => {
    const failures: string[] = [];
    const seen = new Set<string>();
    let pairs = 0;
    let swapping = true;
    const deadline = Date.now() + 120_000;
    const client = async (path: string) => {
      // Bounded: until the swaps are over (and a few pairs after), at most 4000 pairs, 2 min.
      for (let i = 0, after = 0; i < 4000 && Date.now() < deadline && (swapping || after++ < 5); i++) {
        const page = await fetch(`${nginx.baseUrl}${path}`, { headers: { 'accept-encoding': i % 2 ? 'gzip' : 'identity' } });
        const html = await page.text();
        const build = /data-build="(\d+)"/.exec(html)?.[1];
        const css = /href="(\/_astro\/[^"]+)"/.exec(html)?.[1];
        if (page.status !== 200 || !build || !css) { failures.push(`${path} : ${page.status} ${html.slice(0, 80)}`); continue; }
        const sheet = await fetch(`${nginx.baseUrl}${css}`);
        const text = await sheet.text();
        const other = /\/\* build (\d+) \*\//.exec(text)?.[1];
        if (sheet.status !== 200 || other !== build) failures.push(`${path} (construction ${build}) → ${css} : ${sheet.status}, construction ${other ?? '?'}`);
        seen.add(build);
        pairs++;
      }
    };
    const clients = [client('/'), client('/programme/'), client('/'), client('/programme/')];
    for (let k = 1; k <= SWAPS; k++) {
      // A few request pairs under each build before the next swap (bounded by the deadline).
      const enough = pairs + 6;
      while (pairs < enough && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
      await live.goLive(builds[k]!.dir, `${k}`.padStart(40, '0'));
    }
    swapping = false;
    await Promise.all(clients);
    expect(failures).toEqual([]);
    // The swaps happened under the clients: they saw several builds, and the last one.
    expect(seen.size).toBeGreaterThanOrEqual(3);
    expect(seen.has(String(SWAPS))).toBe(true);
    expect(pairs).toBeGreaterThan(SWAPS);
    expect(nginx.errorLog()).not.toMatch(/\[(error|crit|alert|emerg)\]/);
  }, 180_000);

  it('keeps the build current names and the one before, removes older ones; old assets only for a while', async () => {
    await new Promise((r) => setTimeout(r, 300)); // the older folders are removed in the background
    const left = readdirSync(join(publishDir, 'builds')).filter((f) => !f.endsWith('.carried'));
    expect(left.sort()).toEqual([`${1000 + SWAPS - 1}-build${SWAPS - 1}`, `${1000 + SWAPS}-build${SWAPS}`]);
    expect(readlinkSync(join(publishDir, 'current'))).toBe(join('builds', `${1000 + SWAPS}-build${SWAPS}`));
    // Within the window, every earlier build's stylesheet is still served (its pages may be open).
    for (const b of builds) expect((await fetch(`${nginx.baseUrl}/_astro/${b.css}`)).status).toBe(200);
    // Past it (a window of 0 here), only the build just replaced keeps its assets.
    const next = makeBuild(SWAPS + 1);
    await liveDir({ publishDir, status: {}, log: () => {}, carryMs: 0 }).goLive(next.dir, 'e'.repeat(40));
    expect((await fetch(`${nginx.baseUrl}/_astro/${next.css}`)).status).toBe(200);
    expect((await fetch(`${nginx.baseUrl}/_astro/${builds[SWAPS]!.css}`)).status).toBe(200);
    expect((await fetch(`${nginx.baseUrl}/_astro/${builds[SWAPS - 1]!.css}`)).status).toBe(404);
  });

  it('runs the deploy command with the new build’s folder, and shows its failure in French', async () => {
    const argsFile = join(root, 'args.txt');
    const script = join(root, 'deploy.sh');
    writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$#" "$1" "$EIG_COMMIT" "\${SESSION_SECRET:-absent}" > '${argsFile}'\necho 'connexion au CDN…' >&2\necho 'quota dépassé sur le CDN' >&2\nexit 3\n`);
    chmodSync(script, 0o755);
    const s: { live?: StackStatus['live'] } = {};
    process.env['SESSION_SECRET'] = 'la-clef-des-sessions-du-serveur-0123456789';
    const withDeploy = liveDir({ publishDir, deployCommand: script, status: s, log: (l) => logs.push(l) });
    const next = makeBuild(SWAPS + 2);
    await withDeploy.goLive(next.dir, 'd'.repeat(40));
    await withDeploy.idle();
    delete process.env['SESSION_SECRET'];
    const target = join(publishDir, 'builds', `${1002 + SWAPS}-build${SWAPS + 2}`);
    expect(readFileSync(argsFile, 'utf8').split('\n').slice(0, 4)).toEqual(['1', target, 'd'.repeat(40), 'absent']);
    expect(s.live?.deploy).toMatchObject({ state: 'failed', code: 3, dir: target, stderr: 'connexion au CDN…\nquota dépassé sur le CDN' });
    const view = { state: 'ready', published: 'd'.repeat(40), served: 'd'.repeat(40), servedAt: s.live!.at, builds: 1, live: s.live } satisfies StackStatus;
    const line = statusLine(view);
    expect(line.tone).toBe('error');
    expect(line.text).toMatch(/^Échec du déploiement à \d{1,2}\u00a0h\u00a0\d{2} \(code de sortie 3\)\u00a0: quota dépassé sur le CDN\. Le site est en ligne sur ce serveur\u202f;/);
    const page = statusPage(view);
    expect(page).toContain('<h2>Site public</h2>');
    expect(page).toContain('connexion au CDN…\nquota dépassé sur le CDN');
    expect(logs.join('\n')).toContain('ÉCHEC du déploiement (dddddddd) : code 3 — quota dépassé sur le CDN');
  });
});
