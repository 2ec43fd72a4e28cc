/**
 * The back-office gate, attacked: hostile pages in Chromium (another loopback port, a host name
 * mapped to 127.0.0.1), `.git` and out-of-tree paths, uploads that are not media, oversized
 * bodies, `url:` escaping the build folder. Each case fails on the code before the gate.
 * The stack runs `npm start`'s core in this process on a temporary copy of the demo content.
 */
import type { StackStatus } from '../../backoffice/types.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createServer, request, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';
import { git, publishedHead } from '../../backoffice/git/repo.ts';
import { saveAndPublish } from '../../backoffice/api/client.ts';
import { staticServer } from '../../backoffice/server/static.ts';

const BUILD_TIMEOUT = 600_000;
let t: TestStack;
let browser: Browser;
let api: string;
const failures: string[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'eig-gate-'));

beforeAll(async () => {
  t = await startTestStack(inject('distDir'), {
    hooks: { afterFailure: async (action) => { failures.push(action); } },
  });
  api = `${t.stack.url}/api/v1`;
  browser = await launchBrowser([`--host-resolver-rules=MAP evil.test 127.0.0.1`]);
}, BUILD_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await t?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
async function call(action: string, params: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await fetch(api, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ action, params: { branch: 'main', ...params } }) });
  const text = await res.text();
  return { status: res.status, text, type: res.headers.get('content-type') ?? '' };
}
/** Everything committed anywhere in the repository, and its working tree state. */
const repoState = () => ({
  refs: git(t.stack.repoDir, ['for-each-ref', '--format=%(refname) %(objectname)']),
  status: git(t.stack.repoDir, ['status', '--porcelain', '--untracked-files=all']),
});
const persistMedia = (path: string, content: string | Buffer) =>
  call('persistMedia', { asset: { path, content: b64(content), encoding: 'base64' }, options: { commitMessage: `upload ${path}` } });
const persistEntry = (path: string, raw: string, extra: Record<string, unknown> = {}, assets: unknown[] = []) =>
  call('persistEntry', {
    entry: { slug: 'essai', path, raw, ...extra }, assets,
    options: { collectionName: 'articles', commitMessage: `write ${path}`, useWorkflow: true, status: 'draft' },
  });
/** A refusal: 4xx, JSON with a French `error`, no stack trace, no HTML. */
function expectRefused(r: { status: number; text: string; type: string }) {
  expect(r.status, r.text).toBeGreaterThanOrEqual(400);
  expect(r.status, r.text).toBeLessThan(500);
  expect(r.type).toMatch(/application\/json/);
  const body = JSON.parse(r.text) as { error?: string };
  expect(body.error).toMatch(/refusé|trop volumineuse|Requête/);
  expect(r.text).not.toMatch(/at .*\.js:\d+|<html|<pre/i);
}

/** A tiny server on another loopback port: a page that tries the API of the back-office. */
async function hostilePage(): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>page hostile</title><p>hostile</p>');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/** In the page: read program.md and write a draft through `apiUrl`; returns what came back. */
const ATTACK = async (apiUrl: string) => {
  const post = async (body: unknown) => {
    try {
      const r = await fetch(apiUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return `${r.status} ${await r.text()}`;
    } catch (e) { return `blocked ${String(e)}`; }
  };
  const read = await post({ action: 'getEntry', params: { branch: 'main', path: 'content/program.md' } });
  const write = await post({
    action: 'persistEntry', params: {
      branch: 'main', entry: { slug: 'pirate', path: 'content/blog/pirate.md', raw: '---\ntitle: Piraté\n---\n' }, assets: [],
      options: { collectionName: 'articles', commitMessage: 'pirate', useWorkflow: false, status: 'draft' },
    },
  });
  return { read, write };
};

describe('back-office gate: hostile pages in Chromium', () => {
  it('refuses a page served on another loopback port (read and write)', async () => {
    const before = repoState();
    const { server, url } = await hostilePage();
    try {
      const page = await browser.newPage();
      await page.goto(url);
      const got = await page.evaluate(ATTACK, api);
      expect(got.read, 'the entry must not be readable').not.toContain('numbers');
      expect(got.write).not.toMatch(/^200/);
      await page.close();
    } finally { server.close(); }
    expect(repoState()).toEqual(before);
    expect(git(t.stack.repoDir, ['log', '--all', '--format=%s'])).not.toContain('pirate');
  });

  it('refuses a page on a host name mapped to 127.0.0.1 (DNS rebinding), even same-origin', async () => {
    const before = repoState();
    const page = await browser.newPage();
    const evil = `http://evil.test:${t.stack.port}`;
    const res = await page.goto(`${evil}/`);
    expect(res?.status()).toBe(421);
    expect(await page.content()).not.toContain('Entrepreneurs');
    const got = await page.evaluate(ATTACK, `${evil}/api/v1`);
    expect(got.read).not.toContain('numbers');
    expect(got.write).not.toMatch(/^200/);
    for (const path of ['/admin/', '/_status.json', '/admin/config.yml', '/admin/statut/']) {
      expect(await page.evaluate(async (u) => (await fetch(u)).status, `${evil}${path}`), path).toBe(421);
    }
    await page.close();
    expect(repoState()).toEqual(before);
  });
});

describe('back-office gate: requests', () => {
  const raw = (method: string, path: string, headers: Record<string, string>, body = '') =>
    new Promise<{ status: number; text: string; type: string }>((ok, fail) => {
      const req = request({ host: '127.0.0.1', port: t.stack.port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString(), type: String(res.headers['content-type'] ?? '') }));
      });
      req.on('error', fail);
      req.end(body);
    });

  it('answers only to its own Host, on every path', async () => {
    for (const path of ['/', '/admin/', '/_status.json', '/img/']) {
      expect((await raw('GET', path, { Host: `evil.test:${t.stack.port}` })).status, path).toBe(421);
    }
    expect((await raw('GET', '/', { Host: `localhost:${t.stack.port}` })).status).toBe(200);
    expectRefused(await raw('POST', '/api/v1', { Host: `evil.test:${t.stack.port}`, 'Content-Type': 'application/json' }, '{"action":"info"}'));
  });

  it('refuses a foreign Origin, another content type, another method, an unknown action, another branch', async () => {
    expectRefused(await call('info', {}, { Origin: 'http://127.0.0.1:1' }));
    expectRefused(await call('info', {}, { Origin: `http://evil.test:${t.stack.port}` }));
    expectRefused(await raw('POST', '/api/v1', { Host: `127.0.0.1:${t.stack.port}`, 'Content-Type': 'text/plain' }, '{"action":"info"}'));
    expectRefused(await raw('GET', '/api/v1', { Host: `127.0.0.1:${t.stack.port}` }));
    expectRefused(await call('runShell'));
    expectRefused(await call('getEntry', { branch: 'cms/pages/program', path: 'content/program.md' }));
    // Decap itself: same origin, and the `info` action.
    expect((await call('info', {}, { Origin: t.stack.url })).status).toBe(200);
  });

  it('never reads or writes .git, nor outside content/ and media/', async () => {
    const before = repoState();
    const config = readFileSync(join(t.stack.repoDir, '.git', 'config'), 'utf8');
    const marker = join(scratch, 'fsmonitor-ran');
    const read = await call('getEntry', { path: '.git/config' });
    expectRefused(read);
    expect(read.text).not.toContain('[core]');
    expectRefused(await call('getMediaFile', { path: 'media/../.git/config' }));
    expectRefused(await persistMedia('.git/config', `[core]\n\tfsmonitor = "touch ${marker}; false"\n`));
    expectRefused(await persistMedia('media/../.git/config', `[core]\n\tfsmonitor = "touch ${marker}; false"\n`));
    expectRefused(await persistEntry('scripts/evil.sh', '#!/bin/sh\ntouch /tmp/pwned\n'));
    expectRefused(await persistMedia('package.json', '{}'));
    expectRefused(await persistEntry('content/blog/essai.md', '---\ntitle: x\n---\n', { newPath: '.git/info/essai.md' }));
    expectRefused(await persistEntry('content/../scripts/x.md', '---\ntitle: x\n---\n'));
    expectRefused(await persistEntry('content/%2e%2e/%2e%2e/x.md', '---\ntitle: x\n---\n'));
    expectRefused(await persistEntry('content/..%2f..%2fx.md', '---\ntitle: x\n---\n'));
    expectRefused(await persistEntry('/etc/x.md', '---\ntitle: x\n---\n'));
    expectRefused(await persistEntry('content\\..\\x.md', '---\ntitle: x\n---\n'));
    expectRefused(await call('deleteFiles', { paths: ['content/program.md', 'README.md'], options: { commitMessage: 'x' } }));
    expectRefused(await call('entriesByFolder', { folder: '.git', extension: '', depth: 3 }));
    // A legitimate upload runs `git add`: the fsmonitor hook, had it been written, would run now.
    expect((await persistMedia('media/essai-legitime.png', png())).status).toBe(200);
    expect(existsSync(marker), 'core.fsmonitor must never run').toBe(false);
    expect(readFileSync(join(t.stack.repoDir, '.git', 'config'), 'utf8')).toBe(config);
    const after = repoState();
    expect(after.status).toBe(before.status);
    for (const f of ['scripts/evil.sh', 'package.json', '.git/info/essai.md', 'x.md']) {
      expect(existsSync(join(t.stack.repoDir, f)), f).toBe(false);
    }
    expect(git(t.stack.repoDir, ['log', '--all', '--name-only', '--format='])).not.toMatch(/evil\.sh|package\.json|\.git\/info/);
  });
});

describe('back-office gate: media are media', () => {
  it('refuses an HTML upload, and an HTML file named .png', async () => {
    const before = repoState();
    const html = '<!doctype html><script>fetch("/api/v1")</script>';
    expectRefused(await persistMedia('media/page.html', html));
    expectRefused(await persistMedia('media/page.png', html));
    expectRefused(await persistEntry('content/blog/essai.md', '---\ntitle: x\n---\n', {}, [{ path: 'media/page.html', content: b64(html), encoding: 'base64' }]));
    expect(repoState()).toEqual(before);
  });

  it('sanitises an SVG with a script on upload, and serves /img/ so no script runs', async () => {
    const evil = '<svg xmlns="http://www.w3.org/2000/svg" onload="window.pwned=1"><script>window.pwned=2</script><rect width="10" height="10" fill="red"/></svg>';
    expect((await persistMedia('media/dessin.svg', evil)).status).toBe(200);
    const stored = git(t.stack.repoDir, ['show', 'main:media/dessin.svg']);
    expect(stored).toContain('<rect');
    expect(stored).not.toMatch(/<script|onload/i);

    // A hostile SVG and HTML already in a media folder (e.g. from git): served inert.
    const root = join(scratch, 'site');
    mkdirSync(join(root, 'img'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(root, 'img', 'evil.svg'), evil);
    writeFileSync(join(root, 'img', 'evil.html'), '<!doctype html><script>window.pwned=3</script>');
    const server = staticServer(() => root);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const svg = await fetch(`${base}/img/evil.svg`);
      expect(svg.headers.get('content-type')).toBe('image/svg+xml');
      expect(svg.headers.get('x-content-type-options')).toBe('nosniff');
      expect(svg.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
      const html = await fetch(`${base}/img/evil.html`);
      expect(html.headers.get('content-type')).toBe('application/octet-stream');
      expect(html.headers.get('content-disposition')).toBe('attachment');
      const page = await browser.newPage();
      await page.goto(`${base}/img/evil.svg`);
      await new Promise((r) => setTimeout(r, 300));
      expect(await page.evaluate(() => (window as { pwned?: number }).pwned ?? 0).catch(() => 0)).toBe(0);
      await page.close();
    } finally { server.close(); }
  });
});

describe('back-office: stored SVG and framing (issue 17)', () => {
  /** A page on another loopback port framing `src`; resolves with what the frame could post to it. */
  async function framingPage(src: string): Promise<{ close: () => void; url: string }> {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>page hostile</title><script>window.got = []; addEventListener('message', (e) => got.push(String(e.data)));</script><iframe src="${src}" onload="window.loaded = true"></iframe>`);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    return { close: () => server.close(), url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
  }

  it('stores the CDATA-in-<style> SVG without its script, and refuses an SVG that is not XML', async () => {
    const evil = '<svg xmlns="http://www.w3.org/2000/svg"><style><![CDATA[</style><script>fetch("/api/v1")</script><style>]]></style><rect width="10" height="10"/></svg>';
    expect((await persistMedia('media/logo-cdata.svg', evil)).status).toBe(200);
    const stored = git(t.stack.repoDir, ['show', 'main:media/logo-cdata.svg']);
    expect(stored).toContain('<rect');
    expect(stored).not.toMatch(/<script/i);
    const broken = await persistMedia('media/casse.svg', '<svg xmlns="http://www.w3.org/2000/svg"><g></svg>');
    expectRefused(broken);
    expect(JSON.parse(broken.text).error).toMatch(/« media\/casse\.svg ».*ligne 1, colonne \d+/);
  });

  it('runs no script of an SVG reached through another spelling of /img/, opened or framed by another site', async () => {
    const root = join(scratch, 'site-spellings');
    mkdirSync(join(root, 'img'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(root, 'img', 'evil.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>window.pwned = 1; parent.postMessage("pwned", "*")</script></svg>');
    const server = staticServer(() => root);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const path of ['//img/evil.svg', '/%69mg/evil.svg']) {
        const page = await browser.newPage();
        await page.goto(`${base}${path}`);
        await page.waitForTimeout(200);
        expect(await page.evaluate(() => (window as { pwned?: number }).pwned ?? 0).catch(() => 0), path).toBe(0);
        await page.close();
      }
      const hostile = await framingPage(`${base}//img/evil.svg`);
      try {
        const page = await browser.newPage();
        await page.goto(hostile.url);
        await page.waitForFunction(() => (window as { loaded?: boolean }).loaded === true);
        await page.waitForTimeout(200);
        expect(await page.evaluate(() => (window as { got?: string[] }).got)).toEqual([]);
        await page.close();
      } finally { hostile.close(); }
    } finally { server.close(); }
  });

  it('cannot be framed by another site: /admin/ and every other answer say so', async () => {
    const admin = await fetch(`${t.stack.url}/admin/`);
    expect(admin.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(admin.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'/);
    for (const r of [await fetch(`${t.stack.url}/`), await fetch(`${api}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"action":"info","params":{"branch":"main"}}' })]) {
      expect(r.headers.get('x-frame-options'), r.url).toBe('DENY');
      expect(r.headers.get('content-security-policy'), r.url).toMatch(/frame-ancestors 'none'/);
    }
    const hostile = await framingPage(`${t.stack.url}/admin/`);
    try {
      const page = await browser.newPage();
      await page.goto(hostile.url);
      await page.waitForFunction(() => (window as { loaded?: boolean }).loaded === true);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      // A frame the browser refused shows its error page, never the back-office.
      expect(await frame?.evaluate(() => document.title).catch(() => '')).not.toMatch(/Back-office|Decap|Administration|EIG/i);
      expect(frame?.url() ?? '').not.toContain('/admin/');
      await page.close();
    } finally { hostile.close(); }
  });
});

describe('back-office gate: bodies and failures', () => {
  it('answers 413 in French, early, to an oversized body, without keeping it in memory', async () => {
    // Announced size: refused before reading.
    // (node:http rather than fetch: the server answers and closes before the client has sent
    // everything, and fetch then fails with EPIPE under load instead of giving the answer.)
    const big = await new Promise<{ status: number; text: string }>((ok, fail) => {
      let answered = false;
      const body = Buffer.from(`{"action":"info","params":{"x":"${'a'.repeat(25 * 1024 * 1024)}"}}`);
      const req = request({ host: '127.0.0.1', port: t.stack.port, method: 'POST', path: '/api/v1', headers: { 'Content-Type': 'application/json', 'Content-Length': body.length } }, (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      });
      req.on('error', (e) => (answered ? undefined : fail(e)));
      req.end(body);
    });
    const text = big.text;
    expect(big.status).toBe(413);
    expect(JSON.parse(text).error).toMatch(/trop volumineuse/);
    expect(text).not.toMatch(/<html|at .*\.js/);

    // Streamed without a length: the answer comes while the body is still being sent.
    const rss = process.memoryUsage().rss;
    const result = await new Promise<{ status: number; sentMb: number; text: string }>((ok, fail) => {
      let sent = 0;
      let answered = false;
      const req = request({ host: '127.0.0.1', port: t.stack.port, method: 'POST', path: '/api/v1', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, sentMb: sent / 1024 / 1024, text: Buffer.concat(chunks).toString() }));
      });
      req.on('error', (e) => (answered ? undefined : fail(e)));
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      req.write('{"action":"info","params":{"x":"');
      const pump = () => {
        while (!answered && sent < 300 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) { req.once('drain', pump); return; }
        }
        req.end('"}}');
      };
      pump();
    });
    expect(result.status).toBe(413);
    expect(JSON.parse(result.text).error).toMatch(/trop volumineuse/);
    expect(result.sentMb, 'answered before the whole body was sent').toBeLessThan(200);
    expect((process.memoryUsage().rss - rss) / 1024 / 1024, 'memory stays bounded (coarse)').toBeLessThan(150);
  }, 120_000);

  it('reports decap-server’s own failure with its real cause in French, and calls afterFailure', async () => {
    mkdirSync(join(t.stack.repoDir, 'media', 'dossier.png'), { recursive: true }); // a folder where the file goes
    const r = await persistMedia('media/dossier.png', png());
    expect(r.status).toBe(500);
    expect(JSON.parse(r.text).error).toMatch(/^Échec de l’enregistrement : .*\(EISDIR\)/);
    expect(failures).toContain('persistMedia');
    rmSync(join(t.stack.repoDir, 'media', 'dossier.png'), { recursive: true, force: true });
  });
});

describe('url: is a path', () => {
  it('refuses url: /../../../../tmp/x/ at the checks, and the build writes nothing outside its folder', async () => {
    const escape = join(scratch, 'evade');
    const before = publishedHead(t.stack.repoDir);
    const cgu = git(t.stack.repoDir, ['show', 'HEAD:content/cgu.md']);
    const up = '/..'.repeat(30);
    const raw = cgu.replace(/^url: .*$/m, `url: ${up}${escape}/`);
    expect(raw).toContain(escape);
    await saveAndPublish(api, { collection: 'pages', slug: 'cgu', path: 'content/cgu.md', raw });
    const after = publishedHead(t.stack.repoDir);
    expect(after).not.toBe(before);
    const outcome = await t.stack.waitForServed(after, BUILD_TIMEOUT).then(() => undefined, (e: Error & { status?: StackStatus }) => e.status);
    expect(existsSync(escape), `nothing written at ${escape}`).toBe(false);
    // Refused by the checks, the problem as data: the page's file, its line, the field.
    expect(outcome?.error?.problems).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'content/cgu.md', line: expect.any(Number), field: expect.objectContaining({ path: 'url' }) })]));
  }, BUILD_TIMEOUT);
});

/** A 1×1 PNG. */
function png(): Buffer {
  return Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
}
