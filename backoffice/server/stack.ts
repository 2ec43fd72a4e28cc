/**
 * The embedded back-office behind `npm start`, as a function (tests and benchmarks start it too):
 * - a dedicated git repository (cms-repo.ts) that decap-server (git mode, no authentication)
 *   works on, run in this process (decap-local.ts): no second port;
 * - one HTTP server on 127.0.0.1: the built site, /admin/ (from the build), /admin/config.yml
 *   (generated with the real port), /api/v1 (decap-server behind the gate, cms-gate.ts: own
 *   Host and Origin only, JSON, capped bodies, known actions, paths under content/ and media/,
 *   media uploads only, calls one at a time), and a status page /admin/statut/ (+ /_status.json);
 *   every request with a foreign Host is refused (421);
 * - a watcher of the published branch: each new published commit is checked out into a separate
 *   worktree and built into a NEW folder by the long-lived renderer IN THIS PROCESS
 *   (backoffice/publish/publisher.ts: pages compiled once at start, then only the pages the
 *   publication changed are rendered, the others hard-linked from the served build); the served
 *   root is swapped only when that build succeeded. A failed build (invalid content) keeps the
 *   last good site online and shows the errors (file:line: field) in the terminal and on the
 *   status page.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join, resolve, sep } from 'node:path';
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { stringify } from 'yaml';
import { cmsConfig, localBackend } from '../admin/decap-config.ts';
import { checkoutPublished, ensureCmsRepo, publishedHead } from '../git/repo.ts';
import { staticServer, type Handler } from './static.ts';
import { MAX_BODY_BYTES, checkApiRequest, checkCall, failureMessage, isOwnHost, readCappedBody, refuseUnreadBody, refusal, sendRefusal } from '../gate/gate.ts';
import { callRunner } from '../api/calls.ts';
import { decapApp } from '../api/decap.ts';
import { previewService } from '../preview/service.ts';
import { guardHooks, rebaseDrafts } from '../guard/guard.ts';
import { describeBuildIssues, statusPage as editorStatusPage } from '../status/page.ts';
import { createPublisher, type Publisher } from '../publish/publisher.ts';
import { healthWatch } from '../git/health.ts';
import { environmentCause, retryDelay } from '../publish/build-failure.ts';
import type { Identity, PublicationFigures, Stack, StackOptions, StackStatus } from '../types.ts';
import { authoredBy } from '../team/author.ts';


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

/** Error lines of `npm run check` (`path:line: field: erreur : message`), content paths made repo-relative. */
export function errorLines(output: string, publishedDir: string): string[] {
  return output.split('\n')
    .map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').trim())
    .filter((l) => /: erreur : /.test(l))
    .map((l) => l.split(publishedDir).join('').replace(/^(?:\.\.\/)*(?:[^\s:]*\/)?(?=(content|media)\/)/, ''));
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
  mkdirSync(buildsDir, { recursive: true });

  const symlinks: string[] = [];
  if (ensureCmsRepo(repoDir, options.source, (p) => symlinks.push(p))) log(`Dépôt du back-office créé : ${repoDir}`);
  for (const p of symlinks) log(`  ${p} : lien symbolique refusé, non copié (les entrées et les médias doivent être des fichiers ordinaires)`);
  // A damaged repository (unreadable index, missing objects): said now, writes suspended.
  const health = healthWatch(repoDir, log);
  health.check(true);

  // What is served: the last good build (kept across restarts), or a placeholder.
  const currentFile = join(buildsDir, 'current.json');
  const placeholder = join(dataDir, 'placeholder');
  mkdirSync(placeholder, { recursive: true });
  writeFileSync(join(placeholder, 'index.html'), '<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3"><title>Construction du site</title></head><body><main><h1>Le site est en cours de construction</h1><p>Cette page se recharge toute seule. <a href="/admin/statut/">État de la construction</a></p></main></body></html>');
  const status: StackStatus = { state: 'starting', published: publishedHead(repoDir), builds: 0 };
  Object.defineProperty(status, 'repository', { get: health.state, enumerable: true });
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

  // The publisher: the site's pages compiled once (per code version, cached across starts), then
  // driven in this process for each publication. Made in the background once the port is known
  // (the site URL is given at render time); the first build waits for it.
  const abort = new AbortController();
  let publisher: Promise<Publisher> | undefined;
  const getPublisher = (): Promise<Publisher> => {
    if (publisher) return publisher;
    const made = createPublisher({
      codeRoot, siteUrl: process.env['SITE_URL'] || url, signal: abort.signal,
      // This server sends no CSP header (nginx does, from the file a deployment build writes).
      csp: false,
      ...(options.searchIndex === false ? { searchIndex: false } : {}),
    });
    // A failure (code that does not build) is reported by the publication; the next one retries.
    made.catch(() => { if (publisher === made) publisher = undefined; });
    publisher = made;
    return made;
  };
  /** The build in progress (awaited by stop()). */
  let building: Promise<void> | undefined;
  /** The last failed build: a content failure waits for another commit, an environment one for `retryAt`. */
  let failed: { commit: string; retryAt?: number; attempts: number } | undefined;
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
    let t = performance.now();
    let checkout = 0;
    const outDir = join(buildsDir, `${started}-${commit.slice(0, 8)}`);
    log(`Publication ${commit.slice(0, 8)} : construction du site…`);
    let ok = false;
    let text = '';
    let figures: PublicationFigures | undefined;
    /** Set when the build failed on the environment (not on the content's checks). */
    let crash: unknown;
    try {
      checkoutPublished(repoDir, publishedDir, commit);
      checkout = Math.round(performance.now() - t);
      const p = await getPublisher();
      if (stopped) return;
      // The served build is the previous one: only the pages this publication changed are rendered.
      const r = await p.build(join(publishedDir, 'content'), join(publishedDir, 'media'), outDir, root !== placeholder ? root : undefined);
      text = r.output;
      ok = r.ok && existsSync(join(outDir, 'index.html'));
      if (!ok && (r.error !== undefined || !errorLines(text, publishedDir).length)) crash = r.error ?? new Error(text.trim().split('\n').pop() || 'aucune page écrite');
      // Why a publication rendered every page (code or media changed, previous build unknown).
      for (const l of text.split('\n')) if (l.startsWith('toutes les pages sont rendues')) log(`  ${l}`);
      if (r.result) {
        const { pages, rendered, linked, written } = r.result;
        figures = { commit, pid: process.pid, bundled: p.renderer.bundled && status.builds === 0, incremental: root !== placeholder && linked > 0, pages, rendered, linked, written, ms: { checkout, ...r.ms } };
      }
    } catch (e) {
      if (stopped) return;
      text = e instanceof Error ? e.message : String(e);
      crash = e;
    }
    if (stopped) { rmSync(outDir, { recursive: true, force: true }); return; }
    const ms = Date.now() - started;
    status.lastBuildMs = ms;
    status.builds++;
    if (ok) {
      t = performance.now();
      const previous = root;
      root = outDir; // the swap: one assignment, read per request
      failed = undefined;
      Object.assign(status, { state: 'ready', served: commit, servedAt: new Date().toISOString(), servedDir: outDir });
      delete status.error;
      // The renderer's next update starts from the served folder.
      if (figures) status.lastPublication = { ...figures, ms: { ...figures.ms, swap: Math.round(performance.now() - t), total: ms } };
      log(`Site à jour (${commit.slice(0, 8)}) en ${(ms / 1000).toFixed(1)} s${figures ? ` : ${figures.rendered} page(s) rendue(s) sur ${figures.pages}` : ''}.`);
      writeFileSync(currentFile, JSON.stringify({ dir: outDir, commit, at: status.servedAt }));
      // Keep the build just replaced (requests may still read it); remove older ones without
      // blocking the server.
      for (const name of readdirSync(buildsDir)) {
        const dir = join(buildsDir, name);
        if (dir !== outDir && dir !== previous && name !== 'current.json') void rm(dir, { recursive: true, force: true }).catch(() => {});
      }
    } else {
      try { rmSync(outDir, { recursive: true, force: true }); } catch { /* the same cause, probably: retried */ }
      status.state = 'failed';
      const at = new Date().toISOString();
      log(`ÉCHEC de la mise à jour du site pour la publication ${commit.slice(0, 8)} : le site en ligne reste la version précédente.`);
      if (crash !== undefined) {
        // The server, not the content: the same commit is built again later.
        const attempts = (failed?.commit === commit ? failed.attempts : 0) + 1;
        const retryAt = Date.now() + retryDelay(attempts);
        failed = { commit, retryAt, attempts };
        const cause = environmentCause(crash);
        status.error = { commit, at, issues: [], output: text, kind: 'environment', cause, retryAt: new Date(retryAt).toISOString(), attempts };
        log(`  ${cause}. Nouvel essai dans ${Math.round(retryDelay(attempts) / 1000)} s (essai ${attempts}).`);
      } else {
        failed = { commit, attempts: 1 };
        const issues = errorLines(text, publishedDir);
        status.error = { commit, at, issues, output: text, kind: 'content', described: describeBuildIssues(join(publishedDir, 'content'), issues) };
        for (const l of issues) log(`  ${l}`);
      }
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
        const waiting = failed?.commit === head && (failed.retryAt === undefined || Date.now() < failed.retryAt);
        if ((head === status.served && !rebuildSame) || waiting) continue;
        rebuildSame = false;
        building = buildCommit(head);
        try { await building; } finally { building = undefined; }
      } while (again || (!stopped && publishedHead(repoDir) !== status.published));
    } catch (e) {
      log(`Erreur du back-office : ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      running = false;
    }
  };

  /** Who makes each request (team back-office, options.authenticate): first for every route. */
  const identities = new WeakMap<IncomingMessage, Identity>();
  const authenticate: Handler = async (req, res) => {
    if (!options.authenticate) return false;
    const who = await options.authenticate(req, res);
    if (who === 'handled') return true;
    identities.set(req, who);
    return false;
  };

  // The gate (cms-gate.ts) in front of decap-server, which runs in this process (decap-local.ts).
  let decap: Awaited<ReturnType<typeof decapApp>> | undefined;
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;
  // The publication guard (cms-guard.ts) unless the caller brings its own hooks.
  const hooks = options.hooks ?? guardHooks(repoDir, { log });
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    res.end(JSON.stringify(body));
  };
  /** decap-server's own failures in French: its 500 "Unknown error" gets the real cause. */
  const mapAnswer = (status: number, body: unknown): unknown => {
    if (status >= 500) return { error: failureMessage(decap?.lastError()) };
    if (status === 422 && body && typeof body === 'object' && 'error' in body) return { error: `Requête refusée par le serveur du back-office : ${String((body as { error: unknown }).error)}` };
    return body;
  };
  /** Calls one at a time, the guard's hooks around each write; the queue always moves on (cms-calls.ts). */
  const runCall = callRunner({
    decap: () => decap && authoredBy(decap, (req) => identities.get(req)), hooks, log, timeouts: options.callTimeouts, mapAnswer, health,
    onRefusal: (action, error) => { status.refusal = { action, error, at: new Date().toISOString() }; },
    onSuccess: (action) => {
      if (action !== 'publishUnpublishedEntry') return;
      // A publish moves the published branch: look at once instead of waiting for the poll.
      void update();
      // Other drafts must be shown against the new published head (see rebaseDrafts).
      try { rebaseDrafts(repoDir); } catch (e) { log(`Brouillons non rebasés : ${e instanceof Error ? e.message : String(e)}`); }
    },
  });
  /** Never a crash nor a stack trace: an unexpected error is one JSON answer and a terminal line. */
  const api: Handler = async (req, res) => {
    try { return await gate(req, res); } catch (e) {
      log(`Back-office : erreur inattendue : ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      if (!res.headersSent) json(res, 500, { error: failureMessage(e instanceof Error ? e.message : String(e)) });
      else res.end();
      return true;
    }
  };
  const gate = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if ((req.url ?? '').split('?')[0] !== '/api/v1') {
      if (!(req.url ?? '').startsWith('/api/')) return false;
      sendRefusal(res, refusal(404, 'Adresse inconnue du back-office.'));
      return true;
    }
    const early = checkApiRequest(req, port, maxBody);
    if (early) {
      if (early.status === 413) refuseUnreadBody(req, res, early); else sendRefusal(res, early);
      return true;
    }
    const body = await readCappedBody(req, maxBody);
    if (!Buffer.isBuffer(body)) {
      refuseUnreadBody(req, res, body);
      return true;
    }
    let parsed: unknown;
    try { parsed = JSON.parse(body.toString('utf8')); } catch { sendRefusal(res, refusal(400, 'Requête refusée : JSON invalide.')); return true; }
    const call = checkCall(parsed, 'main');
    if ('status' in call) {
      log(`Back-office : requête refusée (${String((parsed as { action?: unknown } | null)?.action ?? '?').slice(0, 40)}) : ${call.error}`);
      sendRefusal(res, call);
      return true;
    }
    const denied = identities.get(req)?.authorize?.(call, res);
    if (denied) { sendRefusal(res, denied); return true; }
    await runCall(req, res, call);
    return true;
  };

  /** Every request must name this server: a DNS-rebinding page (evil.test → 127.0.0.1) gets nothing. */
  const hostGuard: Handler = (req, res) => {
    if (isOwnHost(req.headers.host, port)) return false;
    if ((req.url ?? '').startsWith('/api/')) { sendRefusal(res, refusal(421, 'Requête refusée : ce serveur ne répond qu’à 127.0.0.1 et localhost (en-tête Host).'), { Connection: 'close' }); return true; }
    res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' });
    res.end('Requête refusée : ce serveur ne répond qu’à 127.0.0.1 et localhost.\n');
    return true;
  };

  let url = '';
  const adminConfig: Handler = (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/admin/config.yml') {
      res.writeHead(200, { 'Content-Type': 'text/yaml; charset=utf-8', 'Cache-Control': 'no-store' });
      // The API on the host the page was loaded from (127.0.0.1 or localhost): same origin for the browser.
      const host = (req.headers.host ?? '').toLowerCase().startsWith('localhost:') ? 'localhost' : '127.0.0.1';
      res.end(stringify(cmsConfig({ backend: localBackend(port, host), siteUrl: url })));
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

  // Previews of unsaved drafts by the site's own pages (cms-preview.ts), behind the same gate.
  const preview = previewService({
    codeRoot, siteUrl: () => process.env['SITE_URL'] || url, repoDir, baseDir: join(dataDir, 'preview-base'),
    servedRoot: () => root, port: () => port, maxBodyBytes: maxBody, log,
  });
  const server: Server = staticServer(() => root, [authenticate, hostGuard, api, preview.handler, adminConfig]);
  await new Promise<void>((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) => fail(e.code === 'EADDRINUSE'
      ? Object.assign(new Error(`Le port ${options.port ?? 4321} est déjà utilisé : arrêtez l’autre serveur ou choisissez PORT=…`), { code: 'EADDRINUSE' })
      : e));
    server.listen(options.port ?? 4321, '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}`;
  try {
    decap = await decapApp(repoDir, url, log, (process.env['CMS_LOG_LEVEL'] as 'warn' | undefined) || 'warn');
  } catch (e) {
    server.close();
    throw e;
  }

  // The publisher is made now (loading the pages' bundle, or bundling them after a code change),
  // while the server already answers: the first publication does not wait for it.
  getPublisher().catch((e: unknown) => { if (!stopped) log(`Moteur de rendu indisponible : ${e instanceof Error ? e.message : String(e)}`); });
  const timer = setInterval(() => void update(), options.pollMs ?? 500);
  void update();

  return {
    url, port, repoDir, buildsDir,
    status: () => ({ ...status }),
    ready: () => getPublisher().then(() => {}),
    waitForServed(commit, timeoutMs = 300_000) {
      return new Promise((ok, fail) => {
        const check = () => {
          if (status.served === commit) { waiters.delete(check); clearTimeout(t); ok({ ...status }); }
          else if (status.error?.commit === commit) { waiters.delete(check); clearTimeout(t); fail(Object.assign(new Error(`construction échouée : ${status.error.cause ?? status.error.issues.join(' | ')}`), { status: { ...status } })); }
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
      // A bundling in progress (its child process group) stops now; a render in progress is
      // in this process: let it end (a few seconds at most), its output is then removed.
      abort.abort();
      await building?.catch(() => {});
      await (publisher?.then((p) => p.close(), () => {}));
      await preview.stop();
    },
  };
}
