/**
 * The static server of `npm start` (backoffice/server/static.ts), on a real port, asked with raw
 * request paths (node:http sends them as written; fetch would normalise `/./` and `%2e`): every
 * file of the media folder gets the media headers whatever spelling reached it, every response
 * says who may frame it, and a redirect never leaves the host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { staticServer } from '../../backoffice/server/static.ts';

const root = mkdtempSync(join(tmpdir(), 'eig-static-'));
let server: Server;
let port = 0;

beforeAll(async () => {
  for (const d of ['img/sub', 'admin', 'x', 'blog']) mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>accueil</title>');
  writeFileSync(join(root, 'blog', 'index.html'), '<!doctype html><title>blog</title>');
  writeFileSync(join(root, 'admin', 'index.html'), '<!doctype html><title>admin</title>');
  writeFileSync(join(root, '404.html'), '<!doctype html><title>404</title>');
  writeFileSync(join(root, 'img', 'x.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>parent.pwned=1</script></svg>');
  writeFileSync(join(root, 'img', 'sub', 'y.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(root, 'img', 'page.html'), '<!doctype html><script>pwned=1</script>');
  const answering = (req: { url?: string }, res: { writeHead: (s: number, h: Record<string, string>) => void; end: (b: string) => void }) => {
    if (req.url !== '/api/v1') return false;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{}');
    return true;
  };
  server = staticServer(() => root, [answering]);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((ok) => server.close(() => ok()));
  rmSync(root, { recursive: true, force: true });
});

/** GET with the path exactly as written. */
const raw = (path: string) => new Promise<{ status: number; headers: IncomingHttpHeaders }>((ok, ko) => {
  const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
    res.resume();
    res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers }));
  });
  req.on('error', ko);
  req.end();
});

describe('media headers from the path that picks the file', () => {
  it.each([
    '/img/x.svg', '//img/x.svg', '/%69mg/x.svg', '/./img/x.svg', '/x/../img/x.svg', '/%2e/img/x.svg', '/img//x.svg',
    '/%2fimg/x.svg', '/img%2fx.svg', '/img/sub/../x.svg', '/blog/%2e%2e/img/x.svg', '/img/./sub/y.svg', '///img/sub/y.svg',
  ])('%s is served as a medium: declared type, nosniff, sandboxing CSP', async (path) => {
    const r = await raw(path);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('image/svg+xml');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toMatch(/default-src 'none'.*sandbox/);
  });

  it.each(['/img/page.html', '//img/page.html', '/%69mg/page.html', '/x/../img/page.html'])('%s (not a media type) is a download', async (path) => {
    const r = await raw(path);
    expect(r.headers['content-type']).toBe('application/octet-stream');
    expect(r.headers['content-disposition']).toBe('attachment');
    expect(r.headers['content-security-policy']).toMatch(/sandbox/);
  });

  it('serves pages without the media headers', async () => {
    const r = await raw('/blog/');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy'] ?? '').not.toMatch(/sandbox/);
  });
});

describe('framing: nobody but the back-office itself, on every response', () => {
  it.each([
    ['/', 'DENY', "'none'"], ['/blog/', 'DENY', "'none'"], ['/nothing-here', 'DENY', "'none'"], ['/api/v1', 'DENY', "'none'"],
    ['/img/x.svg', 'DENY', "'none'"], ['//img/x.svg', 'DENY', "'none'"],
    ['/admin/', 'SAMEORIGIN', "'self'"], ['/%61dmin/', 'SAMEORIGIN', "'self'"], ['//admin/', 'SAMEORIGIN', "'self'"],
  ])('%s: X-Frame-Options %s, frame-ancestors %s', async (path, xfo, ancestors) => {
    const r = await raw(path);
    expect(r.headers['x-frame-options']).toBe(xfo);
    expect(String(r.headers['content-security-policy'])).toMatch(new RegExp(`frame-ancestors ${ancestors}`));
  });
});

describe('redirects stay on this host', () => {
  it.each(['//evil.test/..', '/\\evil.test/..', '//admin', '/%2fevil.test/..'])('%s', async (path) => {
    const r = await raw(path);
    expect(r.status).toBe(301);
    expect(String(r.headers.location)).toMatch(/^\/(?![/\\])/);
  });
  it('still redirects a folder to its slash', async () => {
    const r = await raw('/blog?x=1');
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe('/blog/?x=1');
  });
});
