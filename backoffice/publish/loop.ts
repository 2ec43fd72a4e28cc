/**
 * The publication loop of the embedded back-office: a watcher of the published branch. Each new
 * published commit is checked out into a separate worktree and built into a NEW folder by the
 * long-lived renderer in this process (publisher.ts); the served root is swapped only when that
 * build succeeded. A failed build (invalid content) keeps the last good site online and reports
 * its problems as data (`status.error.problems`, backoffice/problems/): the status page and the
 * status bar make the text, the terminal gets one line per problem.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { rm } from 'node:fs/promises';
import { checkoutPublished, publishedHead } from '../git/repo.ts';
import { createPublisher, type Publisher } from './publisher.ts';
import { siteNow } from '../../src/lib/content/clock.ts';
import { environmentCause, retryDelay } from './build-failure.ts';
import { problemPlace, problemSentence } from '../problems/problem.ts';
import type { ContentIndex } from '../problems/describe.ts';
import { publicationInfo } from './publication.ts';
import type { PublicationFigures, StackStatus } from '../types.ts';

export interface LoopOptions {
  codeRoot: string;
  dataDir: string;
  repoDir: string;
  buildsDir: string;
  status: StackStatus;
  log: (line: string) => void;
  /** The site's address (known once the server listens). */
  siteUrl: () => string;
  initialDist?: string | undefined;
  searchIndex?: boolean | undefined;
  /**
   * Called with each good build before it is served (PUBLISH_DIR's swap, live-dir.ts); a
   * failure is the environment's (the build is kept back and retried, as a failed build).
   */
  goLive?: ((dir: string, commit: string) => Promise<unknown>) | undefined;
  /** The site's clock (src/lib/content/clock.ts; tests move it): what each build shows. */
  now?: (() => Date) | undefined;
}

export interface PublicationLoop {
  /** The folder served now: the last good build, or a placeholder page. */
  root(): string;
  /** Builds the published commit until the served site is up to date with it. */
  update(): Promise<void>;
  /** The publisher made (its bundle loaded): see Stack.ready. */
  ready(): Promise<void>;
  /** Polls the published branch every `pollMs`, and builds at once. */
  start(pollMs: number): void;
  waitForServed(commit: string, timeoutMs?: number): Promise<StackStatus>;
  stop(): Promise<void>;
}

const PLACEHOLDER = '<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3"><title>Construction du site</title></head><body><main><h1>Le site est en cours de construction</h1><p>Cette page se recharge toute seule. <a href="/admin/statut/">État de la construction</a></p></main></body></html>';

export function publicationLoop(o: LoopOptions): PublicationLoop {
  const { repoDir, buildsDir, status, log } = o;
  const publishedDir = join(o.dataDir, 'published');
  mkdirSync(buildsDir, { recursive: true });
  // What is served: the last good build (kept across restarts), or a placeholder.
  const currentFile = join(buildsDir, 'current.json');
  const placeholder = join(o.dataDir, 'placeholder');
  mkdirSync(placeholder, { recursive: true });
  writeFileSync(join(placeholder, 'index.html'), PLACEHOLDER);
  let root = placeholder;
  if (o.initialDist) {
    root = resolve(o.initialDist);
    Object.assign(status, { state: 'ready', served: status.published, servedAt: new Date().toISOString(), servedDir: root });
  } else if (existsSync(currentFile)) {
    try {
      const last = JSON.parse(readFileSync(currentFile, 'utf8')) as { dir: string; commit: string; at: string };
      if (existsSync(join(last.dir, 'index.html'))) { root = last.dir; Object.assign(status, { served: last.commit, servedAt: last.at, servedDir: last.dir }); }
    } catch { /* rebuilt below */ }
  }

  // The publisher: the site's pages compiled once (per code version, cached across starts), then
  // driven in this process for each publication. Made once the port is known (the site URL is
  // given at render time); the first build waits for it.
  const abort = new AbortController();
  let publisher: Promise<Publisher> | undefined;
  const getPublisher = (): Promise<Publisher> => {
    if (publisher) return publisher;
    const made = createPublisher({
      codeRoot: o.codeRoot, siteUrl: process.env['SITE_URL'] || o.siteUrl(), signal: abort.signal,
      // This server sends no CSP header (nginx does, from the file a deployment build writes).
      csp: false,
      ...(o.searchIndex === false ? { searchIndex: false } : {}),
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
  let timer: ReturnType<typeof setInterval> | undefined;
  // A restart rebuilds once even when the published commit did not move (the code may have).
  let rebuildSame = !o.initialDist;
  const now = o.now ?? siteNow;
  /**
   * The first `publishAt` the served build left out (an entry on the published branch whose time
   * had not come): when it comes, the same commit is built again and the entry appears.
   */
  let heldUntil: number | undefined;
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
    let problems: NonNullable<StackStatus['error']>['problems'] = [];
    let figures: PublicationFigures | undefined;
    let index: ContentIndex | undefined;
    /** Set when the build failed on the environment (not on the content's checks). */
    let crash: unknown;
    try {
      checkoutPublished(repoDir, publishedDir, commit);
      checkout = Math.round(performance.now() - t);
      const p = await getPublisher();
      if (stopped) return;
      // The served build is the previous one: only the pages this publication changed are rendered.
      const r = await p.build(join(publishedDir, 'content'), join(publishedDir, 'media'), outDir, root !== placeholder ? root : undefined, now());
      heldUntil = r.scheduled.length ? Math.min(...r.scheduled.map((d) => d.getTime())) : undefined;
      text = r.output;
      problems = r.problems.filter((i) => i.severity === 'error');
      ok = r.ok && existsSync(join(outDir, 'index.html'));
      index = r.index;
      if (!ok && (r.error !== undefined || !problems.length)) crash = r.error ?? new Error(text.trim().split('\n').pop() || 'aucune page écrite');
      // Why a publication rendered every page (code or media changed, previous build unknown).
      for (const l of text.split('\n')) if (l.startsWith('toutes les pages sont rendues')) log(`  ${l}`);
      if (r.result) {
        const { pages, rendered, linked, written } = r.result;
        figures = { commit, pid: process.pid, bundled: p.renderer.bundled && status.builds === 0, incremental: root !== placeholder && linked > 0, pages, rendered, linked, written, ms: { checkout, ...r.ms } };
      }
      if (ok && o.goLive && !stopped) {
        const g = performance.now();
        await o.goLive(outDir, commit);
        if (figures) figures.ms['live'] = Math.round(performance.now() - g);
      }
    } catch (e) {
      ok = false;
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
      const info = publicationInfo(repoDir, commit, status.served, index);
      if (info) status.publication = info; else delete status.publication;
      Object.assign(status, { state: 'ready', served: commit, servedAt: new Date().toISOString(), servedDir: outDir });
      delete status.error;
      if (figures) status.lastPublication = { ...figures, ms: { ...figures.ms, swap: Math.round(performance.now() - t), total: ms } };
      log(`Site à jour (${commit.slice(0, 8)}) en ${(ms / 1000).toFixed(1)} s${figures ? ` : ${figures.rendered} fichier(s) rendu(s) (pages, flux, données) ; le site compte ${figures.pages} page(s)` : ''}.`);
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
        status.error = { commit, at, problems: [], output: text, kind: 'environment', cause, retryAt: new Date(retryAt).toISOString(), attempts };
        log(`  ${cause}. Nouvel essai dans ${Math.round(retryDelay(attempts) / 1000)} s (essai ${attempts}).`);
      } else {
        failed = { commit, attempts: 1 };
        status.error = { commit, at, problems, output: text, kind: 'content' };
        for (const p of problems) log(`  ${problemPlace(p)} : ${problemSentence(p)}`);
      }
      log(`  Détails : ${o.siteUrl()}/admin/statut/`);
    }
    notify();
  };

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
        const revealed = heldUntil !== undefined && now().getTime() >= heldUntil;
        if ((head === status.served && !rebuildSame && !revealed) || waiting) continue;
        if (revealed && head === status.served) log(`Publication programmée : l’heure est venue, le site est reconstruit (${head.slice(0, 8)}).`);
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

  return {
    root: () => root,
    update,
    ready: () => getPublisher().then(() => {}),
    start(pollMs) {
      // The publisher is made now (loading the pages' bundle, or bundling them after a code
      // change), while the server already answers: the first publication does not wait for it.
      getPublisher().catch((e: unknown) => { if (!stopped) log(`Moteur de rendu indisponible : ${e instanceof Error ? e.message : String(e)}`); });
      timer = setInterval(() => void update(), pollMs);
      void update();
    },
    waitForServed(commit, timeoutMs = 300_000) {
      return new Promise((ok, fail) => {
        const check = () => {
          if (status.served === commit) { waiters.delete(check); clearTimeout(t); ok({ ...status }); }
          else if (status.error?.commit === commit) { waiters.delete(check); clearTimeout(t); fail(Object.assign(new Error(`construction échouée : ${status.error.cause ?? status.error.problems.map(problemSentence).join(' | ')}`), { status: { ...status } })); }
        };
        const t = setTimeout(() => { waiters.delete(check); fail(new Error(`le site ne sert pas ${commit} après ${timeoutMs} ms`)); }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      // A bundling in progress (its child process group) stops now; a render in progress is
      // in this process: let it end (a few seconds at most), its output is then removed.
      abort.abort();
      await building?.catch(() => {});
      await (publisher?.then((p) => p.close(), () => {}));
    },
  };
}
