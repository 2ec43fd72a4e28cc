/**
 * The embedded back-office behind `npm start`, as a function (tests and benchmarks start it too):
 * - a dedicated git repository (cms-repo.ts) that decap-server (MODE=git, bound to 127.0.0.1,
 *   no authentication) works on;
 * - one HTTP server on 127.0.0.1: the built site, /admin/ (from the build), /admin/config.yml
 *   (generated with the real port), a proxy of /api/v1 to decap-server (one origin for the
 *   browser), and a status page /admin/statut/ (+ /_status.json);
 * - a watcher of the published branch: each new published commit is checked out into a separate
 *   worktree and built into a NEW folder; the served root is swapped only when that build
 *   succeeded. A failed build (invalid content) keeps the last good site online and shows the
 *   errors (file:line: field) in the terminal and on the status page.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join, resolve, sep } from 'node:path';
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { stringify } from 'yaml';
import { cmsConfig, localBackend } from '../../src/lib/cms/config.ts';
import { checkoutPublished, ensureCmsRepo, publishedHead, type RepoSource } from './cms-repo.ts';
import { staticServer, type Handler } from './static-server.ts';
import { rebaseDrafts, type GateHooks } from './cms-guard.ts';
import { describeBuildIssues, statusPage as editorStatusPage } from './cms-status.ts';
import type { DescribedIssue } from '../../src/lib/cms/status-text.ts';

export interface StackOptions {
  /** Folder holding package.json and astro.config.ts (default: the current directory). */
  codeRoot?: string;
  /** Where the repository, the published worktree and the builds live (git-ignored). */
  dataDir: string;
  /** The project's content and media, copied into the repository on first run only. */
  source: RepoSource;
  /** Port of the site (default 4321; 0 picks a free one). */
  port?: number;
  /**
   * Where builds go (default <dataDir>/builds). It must be inside `codeRoot`: Astro writes its
   * intermediate files to <cwd>/.astro when the output is elsewhere, and concurrent builds there
   * collide. A data folder outside the project gets its builds under <codeRoot>/.data/.
   */
  buildsDir?: string;
  /** An existing build of the current published commit: served at once, no first build. */
  initialDist?: string;
  /** How often the published branch is looked at (ms). */
  pollMs?: number;
  log?: (line: string) => void;
  /** Called around each write call of the API (see cms-guard.ts); calls are serialised. */
  hooks?: GateHooks;
}

/** Calls of Decap's API that change the repository. */
const WRITE_ACTIONS = new Set(['persistEntry', 'persistMedia', 'deleteFile', 'deleteFiles', 'deleteUnpublishedEntry', 'updateUnpublishedEntryStatus', 'publishUnpublishedEntry']);

export interface BuildError {
  commit: string; at: string; issues: string[]; output: string;
  /** The issues in an editor's words (entry title, field label), see cms-status.ts. */
  described?: DescribedIssue[];
}
export interface StackStatus {
  state: 'starting' | 'building' | 'ready' | 'failed';
  /** Commit of the published branch. */
  published: string;
  /** Commit the served site was built from. */
  served?: string;
  servedAt?: string;
  servedDir?: string;
  /** Last build (or failure) duration in ms. */
  lastBuildMs?: number;
  builds: number;
  /** Set while the last build of the published commit failed. */
  error?: BuildError;
  /** The last API call the guard refused (shown by the /admin/ status bar for a while). */
  refusal?: { action: string; error: string; at: string };
}

export interface Stack {
  url: string;
  port: number;
  apiPort: number;
  repoDir: string;
  buildsDir: string;
  status(): StackStatus;
  /** Resolves once the site serves `commit` (or fails with the build error). */
  waitForServed(commit: string, timeoutMs?: number): Promise<StackStatus>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createNetServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => ok(port));
    });
  });
}

async function post(port: number, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json().catch(() => null) };
}

/** Starts decap-server in MODE=git on the dedicated repository, bound to 127.0.0.1 only. */
async function startDecapServer(codeRoot: string, repoDir: string, cwd: string, log: (l: string) => void): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(codeRoot, 'node_modules/decap-server/dist/index.js')], {
    cwd, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MODE: 'git', GIT_REPO_DIRECTORY: repoDir, BIND_HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: process.env['CMS_LOG_LEVEL'] || 'warn', ORIGIN: '' },
  });
  const relay = (chunk: Buffer) => { for (const l of chunk.toString().split('\n')) if (l.trim()) log(`[decap-server] ${l}`); };
  child.stdout?.on('data', relay);
  child.stderr?.on('data', relay);
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`decap-server s’est arrêté au démarrage (code ${child.exitCode})`);
    try { if ((await post(port, { action: 'info' })).status === 200) return { child, port }; } catch { /* not listening yet */ }
    if (Date.now() > deadline) { child.kill(); throw new Error('decap-server ne répond pas après 20 s'); }
    await new Promise((r) => setTimeout(r, 150));
  }
}

const stopChild = (child: ChildProcess | undefined, group = false) =>
  new Promise<void>((ok) => {
    if (!child || child.exitCode !== null || child.signalCode !== null || !child.pid) return ok();
    child.once('exit', () => ok());
    try { if (group) process.kill(-child.pid, 'SIGTERM'); else child.kill('SIGTERM'); } catch { ok(); }
    setTimeout(() => { try { if (group) process.kill(-child.pid!, 'SIGKILL'); else child.kill('SIGKILL'); } catch { /* gone */ } }, 5000).unref();
  });

/** Error lines of `npm run check` (`path:line: field: erreur : message`), content paths made repo-relative. */
export function errorLines(output: string, publishedDir: string): string[] {
  return output.split('\n')
    .map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').trim())
    .filter((l) => /: erreur : /.test(l))
    .map((l) => l.split(publishedDir).join('').replace(/^(?:\.\.\/)*(?:[^\s:]*\/)?(?=(content|media)\/)/, ''));
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const frTime = (iso?: string) => (iso ? new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso)) : '—');

/** The status page an editor opens after publishing (French, refreshes itself). */
export function statusPage(s: StackStatus): string {
  const state = { starting: 'Démarrage', building: 'Mise à jour du site en cours…', ready: 'Site à jour', failed: 'Échec de la mise à jour' }[s.state];
  const error = s.error
    ? `<h2>La dernière publication n’a pas pu être mise en ligne</h2>
<p>Le site continue de montrer la version précédente. Corrigez le contenu dans le back-office puis publiez de nouveau.</p>
<ul>${(s.error.issues.length ? s.error.issues : ['Erreur de construction (voir le terminal).']).map((i) => `<li><code>${escapeHtml(i)}</code></li>`).join('')}</ul>
<details><summary>Sortie complète de la construction</summary><pre>${escapeHtml(s.error.output.slice(-20000))}</pre></details>`
    : '';
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="5"><title>État du site — back-office EIG</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}code,pre{white-space:pre-wrap}.failed{color:#b00}.ready{color:#18753c}</style></head>
<body><main><h1>État du site</h1>
<p class="${s.state}"><strong>${state}</strong></p>
<dl><dt>Version publiée</dt><dd><code>${s.published.slice(0, 10)}</code></dd>
<dt>Version en ligne</dt><dd><code>${(s.served ?? '—').slice(0, 10)}</code>, construite le ${frTime(s.servedAt)}${s.lastBuildMs ? ` (dernière construction : ${(s.lastBuildMs / 1000).toFixed(1)} s)` : ''}</dd></dl>
${error}<p><a href="/admin/">Retour au back-office</a> · <a href="/">Voir le site</a></p></main></body></html>`;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const codeRoot = resolve(options.codeRoot ?? process.cwd());
  const dataDir = resolve(options.dataDir);
  const log = options.log ?? ((l: string) => console.log(l));
  const repoDir = join(dataDir, 'cms-repo');
  const publishedDir = join(dataDir, 'published');
  const buildsDir = resolve(options.buildsDir ?? (dataDir.startsWith(codeRoot + sep)
    ? join(dataDir, 'builds')
    : join(codeRoot, '.data', `builds-${createHash('sha1').update(dataDir).digest('hex').slice(0, 10)}`)));
  const cacheDir = join(dataDir, 'astro-cache');
  mkdirSync(buildsDir, { recursive: true });

  if (ensureCmsRepo(repoDir, options.source)) log(`Dépôt du back-office créé : ${repoDir}`);
  const decap = await startDecapServer(codeRoot, repoDir, dataDir, log);
  // If this process dies without stop() (an uncaught error), decap-server must not outlive it.
  const killDecap = () => { try { decap.child.kill('SIGTERM'); } catch { /* already gone */ } };
  process.once('exit', killDecap);

  // What is served: the last good build (kept across restarts), or a placeholder.
  const currentFile = join(buildsDir, 'current.json');
  const placeholder = join(dataDir, 'placeholder');
  mkdirSync(placeholder, { recursive: true });
  writeFileSync(join(placeholder, 'index.html'), '<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3"><title>Construction du site</title></head><body><main><h1>Le site est en cours de construction</h1><p>Cette page se recharge toute seule. <a href="/admin/statut/">État de la construction</a></p></main></body></html>');
  const status: StackStatus = { state: 'starting', published: publishedHead(repoDir), builds: 0 };
  let root = placeholder;
  if (options.initialDist) {
    root = resolve(options.initialDist);
    Object.assign(status, { state: 'ready', served: status.published, servedAt: new Date().toISOString(), servedDir: root });
  } else if (existsSync(currentFile)) {
    try {
      const last = JSON.parse(readFileSync(currentFile, 'utf8')) as { dir: string; commit: string; at: string };
      if (existsSync(join(last.dir, 'index.html'))) { root = last.dir; Object.assign(status, { served: last.commit, servedAt: last.at, servedDir: last.dir }); }
    } catch { /* rebuilt below */ }
  }

  let building: ChildProcess | undefined;
  let failedCommit: string | undefined;
  let running = false;
  let again = false;
  let stopped = false;
  // A restart rebuilds once even when the published commit did not move (the code may have).
  let rebuildSame = !options.initialDist;
  const waiters = new Set<() => void>();
  const notify = () => { for (const w of waiters) w(); };

  const buildCommit = async (commit: string): Promise<void> => {
    const started = Date.now();
    status.state = 'building';
    checkoutPublished(repoDir, publishedDir, commit);
    const outDir = join(buildsDir, `${started}-${commit.slice(0, 8)}`);
    log(`Publication ${commit.slice(0, 8)} : construction du site…`);
    const output: string[] = [];
    const code = await new Promise<number | null>((done) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], {
        cwd: codeRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CONTENT_DIR: join(publishedDir, 'content'), MEDIA_DIR: join(publishedDir, 'media'),
          OUT_DIR: outDir, ASTRO_CACHE_DIR: cacheDir, SITE_URL: process.env['SITE_URL'] || url,
          // This server never sends precompressed files: skip making them, publish goes live sooner.
          SKIP_COMPRESS: '1',
        },
      });
      building = child;
      child.stdout?.on('data', (c: Buffer) => output.push(c.toString()));
      child.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
      child.on('exit', (c) => done(c));
      child.on('error', () => done(-1));
    });
    building = undefined;
    if (stopped) return;
    const ms = Date.now() - started;
    status.lastBuildMs = ms;
    status.builds++;
    const text = output.join('');
    if (code === 0 && existsSync(join(outDir, 'index.html'))) {
      const previous = root;
      root = outDir; // the swap: one assignment, read per request
      failedCommit = undefined;
      Object.assign(status, { state: 'ready', served: commit, servedAt: new Date().toISOString(), servedDir: outDir });
      delete status.error;
      writeFileSync(currentFile, JSON.stringify({ dir: outDir, commit, at: status.servedAt }));
      log(`Site à jour (${commit.slice(0, 8)}) en ${(ms / 1000).toFixed(1)} s.`);
      // Keep the build just replaced (requests may still read it); remove older ones without
      // blocking the server.
      for (const name of readdirSync(buildsDir)) {
        const dir = join(buildsDir, name);
        if (dir !== outDir && dir !== previous && name !== 'current.json') void rm(dir, { recursive: true, force: true }).catch(() => {});
      }
    } else {
      failedCommit = commit;
      rmSync(outDir, { recursive: true, force: true });
      const issues = errorLines(text, publishedDir);
      status.state = 'failed';
      status.error = { commit, at: new Date().toISOString(), issues, output: text, described: describeBuildIssues(join(publishedDir, 'content'), issues) };
      log(`ÉCHEC de la mise à jour du site pour la publication ${commit.slice(0, 8)} : le site en ligne reste la version précédente.`);
      for (const l of issues.length ? issues : text.trim().split('\n').slice(-30)) log(`  ${l}`);
      log(`  Détails : ${url}/admin/statut/`);
    }
    notify();
  };

  /** Builds the published commit until the served site is up to date with it. */
  const update = async () => {
    if (running) { again = true; return; }
    running = true;
    try {
      do {
        again = false;
        if (stopped) break;
        const head = publishedHead(repoDir);
        if (head !== status.published) { status.published = head; notify(); }
        if ((head === status.served && !rebuildSame) || head === failedCommit) continue;
        rebuildSame = false;
        await buildCommit(head);
      } while (again || (!stopped && publishedHead(repoDir) !== status.published));
    } catch (e) {
      log(`Erreur du back-office : ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      running = false;
    }
  };

  // One API call at a time: the hooks see the repository as the call will find it.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = (fn: () => Promise<void>) => { queue = queue.then(fn, fn).catch((e) => log(`Erreur du back-office : ${e instanceof Error ? e.message : String(e)}`)); };
  const hooks = options.hooks;

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, action: string) => new Promise<void>((done) => {
    const upstream = request({
      host: '127.0.0.1', port: decap.port, path: '/api/v1', method: req.method,
      headers: { ...req.headers, host: `127.0.0.1:${decap.port}`, 'content-length': String(body.length) },
    }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
      up.on('end', () => {
        // A publish moves the published branch: look at once instead of waiting for the poll.
        if (action === 'publishUnpublishedEntry') void update();
        if ((up.statusCode ?? 502) >= 400 && hooks?.afterFailure) void hooks.afterFailure(action).finally(done);
        else {
          // Other drafts must be shown against the new published head (see rebaseDrafts).
          if (action === 'publishUnpublishedEntry') try { rebaseDrafts(repoDir); } catch (e) { log(`Brouillons non rebasés : ${e instanceof Error ? e.message : String(e)}`); }
          done();
        }
      });
    });
    upstream.on('error', (e) => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: `decap-server injoignable : ${e.message}` }));
      done();
    });
    upstream.end(body);
  });

  const apiProxy: Handler = (req: IncomingMessage, res: ServerResponse) => {
    if (!(req.url ?? '').startsWith('/api/v1')) return false;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => serial(async () => {
      const body = Buffer.concat(chunks);
      let call: { action?: string; params?: Record<string, unknown> } = {};
      try { call = JSON.parse(body.toString()) as typeof call; } catch { /* decap-server answers */ }
      const action = call.action ?? '';
      const refusal = hooks?.beforeAction && WRITE_ACTIONS.has(action) ? await hooks.beforeAction(action, call.params ?? {}) : undefined;
      if (refusal) {
        status.refusal = { action, error: refusal.error, at: new Date().toISOString() };
        res.writeHead(refusal.status, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: refusal.error }));
        return;
      }
      await forward(req, res, body, action);
    }));
    return true;
  };

  let url = '';
  const adminConfig: Handler = (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/admin/config.yml') {
      res.writeHead(200, { 'Content-Type': 'text/yaml; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(stringify(cmsConfig({ backend: localBackend(port), siteUrl: url })));
      return true;
    }
    if (path === '/_status.json') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ ...status, error: status.error && { ...status.error, output: undefined } }, null, 2));
      return true;
    }
    if (path === '/admin/statut' || path === '/admin/statut/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(editorStatusPage(status));
      return true;
    }
    return false;
  };

  const server: Server = staticServer(() => root, [apiProxy, adminConfig]);
  await new Promise<void>((ok, fail) => { server.once('error', fail); server.listen(options.port ?? 4321, '127.0.0.1', () => ok()); });
  const port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}`;

  const timer = setInterval(() => void update(), options.pollMs ?? 500);
  void update();

  return {
    url, port, apiPort: decap.port, repoDir, buildsDir,
    status: () => ({ ...status }),
    waitForServed(commit, timeoutMs = 300_000) {
      return new Promise((ok, fail) => {
        const check = () => {
          if (status.served === commit) { waiters.delete(check); clearTimeout(t); ok({ ...status }); }
          else if (status.error?.commit === commit) { waiters.delete(check); clearTimeout(t); fail(Object.assign(new Error(`construction échouée : ${status.error.issues.join(' | ')}`), { status: { ...status } })); }
        };
        const t = setTimeout(() => { waiters.delete(check); fail(new Error(`le site ne sert pas ${commit} après ${timeoutMs} ms`)); }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await stopChild(building, true);
      await stopChild(decap.child);
      process.removeListener('exit', killDecap);
    },
  };
}
