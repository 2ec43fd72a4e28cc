/**
 * Runs Debian's nginx with the production configuration of deploy/ against a build folder, on a
 * free loopback port, as an unprivileged-looking throwaway instance (prefix, pid, logs and temp
 * files in a temporary folder). Used by tests/deploy/nginx.test.ts and the serving benchmark.
 *
 * Only what cannot run outside a real server is changed: the paths (/srv/eig/dist → the build,
 * /etc/nginx/eig → the copied includes) and the `listen` lines (→ 127.0.0.1:<port>).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';

export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
const DEPLOY = resolve(import.meta.dirname, '../../deploy');

/** Installs nginx (and the brotli module) with apt when missing and running as root. */
export function ensureNginx(withWrk = false): { ok: boolean; why?: string } {
  const missing = [...(NGINX ? [] : ['nginx']), ...(existsSync(BROTLI_MODULE) ? [] : ['libnginx-mod-http-brotli-static']),
    ...(withWrk && !existsSync('/usr/bin/wrk') ? ['wrk'] : [])];
  if (missing.length === 0) return { ok: true };
  if (process.getuid?.() !== 0) return { ok: false, why: `${missing.join(', ')} absent(s) et pas root : apt-get install -y ${missing.join(' ')}` };
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let r = spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'ignore', env });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
    r = spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'ignore', env });
  }
  return r.status === 0 ? { ok: true } : { ok: false, why: `apt-get install ${missing.join(' ')} a échoué` };
}

export async function freePort(): Promise<number> {
  return new Promise((ok, ko) => {
    const s = createServer();
    s.once('error', ko);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => ok(port)); });
  });
}

export interface LocalNginx { port: number; baseUrl: string; pid: number; prefix: string; brotli: boolean; stop: () => Promise<void>; errorLog: () => string }

/** The production site file with local paths and port; throws if deploy/nginx.conf changed shape. */
export function localSiteConfig(dist: string, includes: string, port: number): string {
  let text = readFileSync(join(DEPLOY, 'nginx.conf'), 'utf8');
  const swap = (from: RegExp, to: string, what: string) => {
    if (!from.test(text)) throw new Error(`deploy/nginx.conf : ${what} introuvable (le test ne peut plus l’adapter)`);
    text = text.replace(from, to);
  };
  swap(/^\s*listen [^\n]*;\n/gm, '', 'les lignes listen');
  swap(/^(\s*)server_name /m, `$1listen 127.0.0.1:${port};\n$1server_name `, 'server_name');
  swap(/\/srv\/eig\/dist/g, resolve(dist), 'le chemin /srv/eig/dist');
  swap(/\/etc\/nginx\/eig\//g, `${includes}/`, 'le chemin /etc/nginx/eig/');
  return text;
}

/** Starts nginx (master in the foreground, so its PID is ours to stop) and waits for the port. */
export async function startNginx(dist: string, opts: { workers?: number; port?: number } = {}): Promise<LocalNginx> {
  if (!NGINX) throw new Error('nginx est introuvable : apt-get install -y nginx libnginx-mod-http-brotli-static');
  const prefix = mkdtempSync(join(tmpdir(), 'eig-nginx-'));
  const includes = join(prefix, 'eig');
  mkdirSync(includes);
  const brotli = existsSync(BROTLI_MODULE);
  for (const f of readdirSync(join(DEPLOY, 'nginx'))) {
    let text = readFileSync(join(DEPLOY, 'nginx', f), 'utf8').replace(/\/etc\/nginx\/eig\//g, `${includes}/`);
    if (!brotli) text = text.replace(/^\s*brotli_static on;\n/m, '');
    writeFileSync(join(includes, f), text);
  }
  const port = opts.port ?? await freePort();
  const root = process.getuid?.() === 0;
  writeFileSync(join(prefix, 'nginx.conf'), [
    brotli ? `load_module ${BROTLI_MODULE};` : '',
    root ? `user ${userInfo().username};` : '',
    `worker_processes ${opts.workers ?? 1};`,
    'daemon off;',
    `pid ${prefix}/nginx.pid;`,
    `error_log ${prefix}/error.log warn;`,
    'events { worker_connections 1024; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  default_type application/octet-stream;',
    '  sendfile on; tcp_nopush on; keepalive_timeout 65;',
    `  access_log off;`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${prefix}/${t};`),
    localSiteConfig(dist, includes, port),
    '}',
  ].join('\n'));
  copyFileSync(join(prefix, 'nginx.conf'), join(prefix, 'nginx.conf.tested'));
  const check = spawnSync(NGINX, ['-t', '-p', prefix, '-c', join(prefix, 'nginx.conf')], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t refuse la configuration :\n${check.stderr}`);
  const child: ChildProcess = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => { stderr += String(d); });
  const pid = child.pid!;
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  for (let i = 0; i < 100; i++) {
    try { await fetch(`http://127.0.0.1:${port}/`); break; } catch { await new Promise((r) => setTimeout(r, 50)); }
    if (child.exitCode !== null) throw new Error(`nginx s’est arrêté : ${stderr}`);
  }
  return {
    port, pid, prefix, brotli, baseUrl: `http://127.0.0.1:${port}`,
    errorLog: () => (existsSync(join(prefix, 'error.log')) ? readFileSync(join(prefix, 'error.log'), 'utf8') : '') + stderr,
    stop: async () => { if (child.exitCode === null) { process.kill(pid, 'SIGQUIT'); await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]); if (child.exitCode === null) process.kill(pid, 'SIGKILL'); } },
  };
}
