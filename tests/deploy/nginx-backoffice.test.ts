/**
 * deploy/nginx-backoffice.conf in front of the team back-office, with Debian's real nginx: only
 * the listen lines (TLS → a loopback port) and the upstream port are changed. A sign-in through
 * the real OpenID provider, an API call and an upload-sized body go through it; a foreign Host
 * and a request without session are refused by the server behind it.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { request } from 'node:http';
import { NGINX, ensureNginx, freePort } from '../helpers/nginx.ts';
import { Jar } from '../helpers/oidc-provider.ts';
import { startTeamStack, type TeamStack } from '../helpers/team-stack.ts';

const available = ensureNginx();
let t: TeamStack;
let nginx: ChildProcess | undefined;
let prefix = '';
let front = '';

/** The tested file, made local: the plain-http server block is dropped, the TLS one listens on a loopback port. */
function localConfig(nginxPort: number, upstream: number): string {
  let text = readFileSync(resolve('deploy/nginx-backoffice.conf'), 'utf8');
  const swap = (from: RegExp, to: string, what: string) => {
    if (!from.test(text)) throw new Error(`deploy/nginx-backoffice.conf : ${what} introuvable`);
    text = text.replace(from, to);
  };
  swap(/server \{\n\s+listen 80;[\s\S]*?\n\}\n/, '', 'le serveur du port 80');
  swap(/^\s*listen [^\n]*;\n/gm, '', 'les lignes listen');
  swap(/^\s*(http2 on|ssl_certificate[^\n]*);\n/gm, '', 'les lignes TLS');
  swap(/^(\s*)server_name [^\n]*;/m, `$1listen 127.0.0.1:${nginxPort};\n$1server_name 127.0.0.1;`, 'server_name');
  swap(/proxy_pass http:\/\/127\.0\.0\.1:4322;/, `proxy_pass http://127.0.0.1:${upstream};`, 'proxy_pass');
  return text;
}

beforeAll(async () => {
  if (!available.ok) return;
  const nginxPort = await freePort();
  const upstream = await freePort();
  front = `http://127.0.0.1:${nginxPort}`;
  t = await startTeamStack(inject('distDir'), { port: upstream, backofficeUrl: front });
  prefix = mkdtempSync(join(tmpdir(), 'eig-nginx-bo-'));
  mkdirSync(join(prefix, 'logs'));
  writeFileSync(join(prefix, 'nginx.conf'), [
    process.getuid?.() === 0 ? `user ${userInfo().username};` : '', 'worker_processes 1;', 'daemon off;', `pid ${prefix}/nginx.pid;`,
    `error_log ${prefix}/error.log warn;`, 'events { worker_connections 256; }', 'http {', '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `  ${k}_temp_path ${prefix}/${k};`),
    localConfig(nginxPort, upstream), '}',
  ].join('\n'));
  const check = spawnSync(NGINX!, ['-t', '-p', prefix, '-c', join(prefix, 'nginx.conf')], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(check.stderr);
  nginx = spawn(NGINX!, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try { await fetch(`${front}/auth/logged-out`); break; } catch { await new Promise((r) => setTimeout(r, 50)); }
  }
}, 600_000);

afterAll(async () => {
  if (nginx?.pid && nginx.exitCode === null) {
    const gone = new Promise((ok) => nginx!.once('exit', ok));
    process.kill(nginx.pid, 'SIGQUIT');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
  }
  await t?.close();
  if (prefix) rmSync(prefix, { recursive: true, force: true });
});

/** A request with a Host of our choosing (fetch does not let one set it). */
const withHost = (host: string) => new Promise<number>((ok, fail) => {
  const u = new URL(front);
  request({ host: u.hostname, port: u.port, path: '/admin/', headers: { host } }, (res) => { res.resume(); ok(res.statusCode ?? 0); }).on('error', fail).end();
});

describe.skipIf(!available.ok)('deploy/nginx-backoffice.conf', () => {
  it('signs in through nginx, calls the API, and the server behind it refuses what it must', async () => {
    const jar = new Jar();
    expect((await jar.fetch(`${front}/admin/`)).headers.get('location')).toBe('/auth/login?next=%2Fadmin%2F');
    const walked = await jar.walk(`${front}/auth/login`, 'dominique');
    expect([walked.res.status, walked.url]).toEqual([200, `${front}/admin/`]);
    expect(walked.res.headers.get('strict-transport-security')).toContain('max-age=');
    const info = await jar.fetch(`${front}/api/v1`, { method: 'POST', headers: { origin: front, 'content-type': 'application/json' }, body: JSON.stringify({ action: 'info', params: { branch: 'main' } }) });
    expect(info.status).toBe(200);
    // A body of 15 MB (a large image in base64) reaches the server, which answers it (not nginx's 413).
    const big = await jar.fetch(`${front}/api/v1`, { method: 'POST', headers: { origin: front, 'content-type': 'application/json' }, body: JSON.stringify({ action: 'getMedia', params: { branch: 'main', mediaFolder: 'media', pad: 'x'.repeat(15 * 1024 * 1024) } }) });
    expect(big.status).not.toBe(413);
    expect(big.headers.get('content-type')).toContain('application/json');
    expect(await withHost('autre.example')).toBe(421);
    expect((await fetch(`${front}/api/v1`, { method: 'POST', headers: { origin: front, 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
  });
});
