/**
 * The server bundle of the site's pages (astro.config.ts with EIG_RENDER_SERVER=1), made once
 * per code version in a child process and kept in a cache folder; one bundling at a time per
 * code version, across processes (a lock folder).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RouteData, SSRManifest } from 'astro';

export interface Bundle { manifest: SSRManifest; createApp: () => { render(request: Request, options?: { routeData?: RouteData; prerenderedErrorPageFetch?: (url: string) => Promise<Response> }): Promise<Response>; match(request: Request, allowPrerendered?: boolean): RouteData | undefined } }

/** Files and folders whose content defines the code version (anything else is content). */
const CODE_INPUTS = ['src', 'backoffice/admin', 'backoffice/problems', 'astro.config.ts', 'package-lock.json', 'package.json', 'tsconfig.json'];

/**
 * Hash of every code input's path and bytes. The site URL is not part of it: the bundle is made
 * with a fixed one and each renderer gives its own at render time (`manifest.site`, read by
 * Astro.site; SITE_URL, read by siteConfig()), so back-office servers on other ports, tests and
 * `npm run build` share one bundle per code version.
 */
export function codeHash(codeRoot: string): string {
  const h = createHash('sha256');
  h.update(`node=${process.version}\n`);
  const walk = (rel: string) => {
    const abs = join(codeRoot, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) {
      for (const f of readdirSync(abs).sort()) walk(join(rel, f));
    } else {
      h.update(`${rel}\n`);
      h.update(readFileSync(abs));
    }
  };
  for (const p of CODE_INPUTS) walk(p);
  return h.digest('hex').slice(0, 16);
}

/** Whether the process that took a bundle lock is still alive (else the lock is a crashed build's). */
function lockAlive(lock: string): boolean {
  try {
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    if (pid > 0) { try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; } }
  } catch { /* no pid written yet, or gone */ }
  // Without a pid: alive unless older than 20 minutes.
  try { return Date.now() - statSync(lock).mtimeMs < 20 * 60_000; } catch { return false; }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Makes (or reuses) the server bundle of the current code; returns its entry module. Never
 * blocks the event loop (the back-office server keeps answering while it bundles); `signal`
 * stops the bundling child process group.
 */
export async function ensureBundle(codeRoot: string, cacheDir: string, hash: string, log: (s: string) => void, signal?: AbortSignal): Promise<{ entry: string; bundled: boolean }> {
  const dir = join(cacheDir, hash);
  const entry = join(dir, 'server', 'entry.mjs');
  if (existsSync(join(dir, 'ok'))) return { entry, bundled: false };
  // One bundle build at a time per code version (tests, builds and the back-office may start
  // together): the others wait for it, then use it.
  const lock = `${dir}.lock`;
  for (;;) {
    signal?.throwIfAborted();
    try { mkdirSync(lock); writeFileSync(join(lock, 'pid'), String(process.pid)); break; } catch {
      if (existsSync(join(dir, 'ok'))) return { entry, bundled: false };
      if (!lockAlive(lock)) rmSync(lock, { recursive: true, force: true });
      await sleep(500);
    }
  }
  try {
    if (existsSync(join(dir, 'ok'))) return { entry, bundled: false };
    return await buildBundle(codeRoot, cacheDir, hash, dir, entry, log, signal);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Fixed site URL of the bundle: the real one is given at render time (see codeHash). */
const BUNDLE_SITE_URL = 'http://127.0.0.1:4321';

async function buildBundle(codeRoot: string, cacheDir: string, hash: string, dir: string, entry: string, log: (s: string) => void, signal?: AbortSignal): Promise<{ entry: string; bundled: boolean }> {
  rmSync(dir, { recursive: true, force: true });
  const t0 = performance.now();
  const env = {
    ...process.env, ASTRO_TELEMETRY_DISABLED: '1', EIG_RENDER_SERVER: '1', OUT_DIR: dir, SITE_URL: BUNDLE_SITE_URL,
    ASTRO_CACHE_DIR: join(dir, 'astro-cache'),
    // As `npm run build` has it: a test runner's NODE_ENV=test changes the client bundles.
    NODE_ENV: 'production',
  };
  // Its own process group (stopped as a whole by `signal`), and a stdin pipe this process never
  // writes to: when this process dies, even by SIGKILL, the pipe closes and the group stops
  // (exit-with-parent.mjs), so a long-lived server never leaves a bundler behind.
  const output: string[] = [];
  const code = await new Promise<number>((done) => {
    const child = spawn(process.execPath, ['--import', pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), 'exit-with-parent.mjs')).href, join(codeRoot, 'node_modules/astro/astro.js'), 'build'], {
      cwd: codeRoot, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stop = () => { try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* gone */ } };
    signal?.addEventListener('abort', stop, { once: true });
    child.stdout?.on('data', (c: Buffer) => output.push(c.toString()));
    child.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
    child.on('exit', (c, sig) => { signal?.removeEventListener('abort', stop); done(c ?? (sig ? 1 : 0)); });
    child.on('error', (e) => { output.push(String(e)); done(1); });
  });
  signal?.throwIfAborted();
  if (code !== 0) throw new Error(`Le paquet serveur du rendu n’a pas pu être construit :\n${output.join('').split('\n').slice(-30).join('\n')}`);
  writeFileSync(join(dir, 'ok'), `${new Date().toISOString()}\n`);
  pruneBundles(cacheDir, hash);
  log(`paquet serveur construit en ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { entry, bundled: true };
}

/**
 * Older bundles go, but not those another process may be building or using right now: several
 * code versions can live side by side (worktrees, a server started before a code change).
 * Kept: this one, the 4 most recent, and any touched in the last hour.
 */
function pruneBundles(cacheDir: string, hash: string): void {
  const hour = Date.now() - 60 * 60_000;
  const bundles = readdirSync(cacheDir)
    .filter((f) => /^[0-9a-f]{16}$/.test(f) && f !== hash)
    .map((f) => ({ f, at: (() => { try { return statSync(join(cacheDir, f)).mtimeMs; } catch { return 0; } })() }))
    .sort((a, b) => b.at - a.at);
  for (const { f, at } of bundles.slice(4)) {
    if (at > hour || existsSync(join(cacheDir, `${f}.lock`))) continue;
    rmSync(join(cacheDir, f), { recursive: true, force: true });
    // Its states and what their outputs' integrations wrote (output-memo.ts).
    for (const st of readdirSync(cacheDir)) if (st.startsWith(`state-${f}`) || st.startsWith(`outputs-${f}`)) rmSync(join(cacheDir, st), { force: true });
  }
}
