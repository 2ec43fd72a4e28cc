/**
 * The long-lived renderer: the site's Astro pages compiled ONCE per code version into a server
 * bundle (astro.config.ts with EIG_RENDER_SERVER=1, src/integrations/render-server.ts), then
 * driven in this process for every content version. A content change costs a render of the
 * pages, not a new Vite bundle (≈8 s of a build on the corpus).
 *
 * Same components, same data path: the pages read content through src/lib/content/query.ts,
 * which loads the content tree at render time (not astro:content's frozen snapshot). The files
 * `astro build` writes after its pages (media, /_img/, /admin/ bundle, sitemap, redirects) come
 * from the SAME integrations (src/integrations/site.ts, as astro.config.ts uses them), called here with the pages
 * this renderer wrote. tests/e2e/incremental.test.ts proves the output equals `astro build`'s.
 *
 *   const r = await createRenderer({ codeRoot, siteUrl });
 *   await r.full(contentDir, mediaDir, outDir);                         // every file of a build
 *   await r.update(contentDir, mediaDir, changed, prevOutDir, outDir);  // next version
 *   await r.close();
 *
 * `update` renders every page again (≈10 ms each) but writes only what changed: files whose
 * bytes are the previous build's are hard links to it, and so are their .gz/.br copies, so
 * compression only redoes changed files. Pagefind's index is rebuilt whole (its API has no
 * incremental update; ≈1 s on the corpus).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger, SSRManifest } from 'astro';
import type { RouteData } from 'astro';
import { clearRegistry, registerVariants, registeredVariants } from '../../src/lib/images/registry.ts';
import type { Variant } from '../../src/lib/images/pipeline.ts';
import { EVERYTHING, enableReads, providedFingerprints, recording } from '../../src/lib/content/reads.ts';
import { invalidateContent } from '../../src/lib/content/repository.ts';
import { siteConfig } from '../../src/lib/config.ts';
import { detail, phase } from '../timeline.ts';
import { decapFiles } from '../../src/integrations/decap.ts';

export interface RendererOptions {
  /** The project (src/, astro.config.ts…). */
  codeRoot: string;
  /** Where server bundles are kept, one per code version (default <codeRoot>/node_modules/.cache/eig-render). */
  cacheDir?: string;
  /**
   * Absolute public URL (canonical, Open Graph, sitemap); part of the bundle's key. Default:
   * SITE_URL as `npm run build` reads it (src/lib/config.ts); when given, SITE_URL is set to it
   * while rendering.
   */
  siteUrl?: string | undefined;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /**
   * Save each build's state on disk, so that another process can update from it (default true).
   * `npm run build` saves once, after moving its output into place (`relocate`).
   */
  persist?: boolean;
  /**
   * Called once the pages and endpoints are in `outDir`, before the integrations' files (media,
   * /_img/, /admin/, sitemap, redirects): e.g. to start the search index (Pagefind, its own
   * process) while they are written. `previous`: the build this one links from, if any.
   */
  afterPages?: (outDir: string, previous: string | undefined) => void;
  /** Stops a bundling in progress (its child process group): createRenderer then rejects. */
  signal?: AbortSignal;
}

export interface RenderResult {
  /** Files written (pages, endpoints, integration outputs, search index), not hard-linked. */
  written: number;
  /** Files hard-linked from the previous build (same bytes). */
  linked: number;
  /** Pages and endpoints rendered (the others read nothing that changed: linked). */
  rendered: number;
  pages: number;
  ms: Record<string, number>;
}

export interface Renderer {
  /** Hash of the code the bundle was made from. */
  codeHash: string;
  /** Whether this call had to make the server bundle (false: reused from the cache). */
  bundled: boolean;
  full(contentDir: string, mediaDir: string, outDir: string): Promise<RenderResult>;
  update(contentDir: string, mediaDir: string, changedPaths: string[], prevOutDir: string, outDir: string): Promise<RenderResult>;
  close(): Promise<void>;
  /** Output folder of the last build this renderer (or a previous process with the same code) made. */
  lastOutDir(): string | undefined;
  /** The last output was moved (renamed) to `to`: the next update links from there. */
  relocate(to: string): void;
  /** Whether an update can start from the build in `dir` (its state is known: this process's or saved). */
  canUpdateFrom(dir: string): boolean;
  /** What starting took, by step (code hash, bundle, modules), in ms. */
  startupMs?: Record<string, number>;
  /**
   * Renders the one page (or endpoint) at `pathname` from the content as CONTENT_DIR/MEDIA_DIR
   * (and any overlay, src/lib/content/repository.ts) give it now: the back-office preview
   * (scripts/lib/render/preview.ts). Nothing is written; the caller sets the environment.
   */
  renderPath(pathname: string): Promise<Response>;
}

/** What a page read (keys of src/lib/content/reads.ts) and the image variants it asked for. */
interface PageRecord { reads: string[]; variants: Variant[] }
/** What the next update compares with. */
interface State {
  outDir: string; media: string; fingerprints: Map<string, string>; pages: Map<string, PageRecord>;
  /** Site URL the pages were rendered with (canonical, Open Graph): another one renders them all. */
  site?: string;
}

/** Media files by path, size and modification time: a change re-renders every page. */
function mediaFingerprint(mediaDir: string): string {
  const h = createHash('sha1');
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const f of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, f.name);
      if (f.isDirectory()) walk(p);
      else { const s = statSync(p); h.update(`${relative(mediaDir, p)}\t${s.size}\t${s.mtimeMs}\n`); }
    }
  };
  walk(mediaDir);
  return h.digest('hex');
}

/**
 * The state on disk (so that `npm run build` runs can chain): read keys interned in a table.
 * One file per code version AND output folder (two builds of the same code into different
 * folders — the tests, a benchmark, the back-office — no longer overwrite each other's state and
 * turn the next content-only build into a full one). Written to a temporary name, then renamed.
 */
function stateFile(cacheDir: string, hash: string, outDir: string): string {
  return join(cacheDir, `state-${hash}-${createHash('sha1').update(resolve(outDir)).digest('hex').slice(0, 12)}.json`);
}

function saveState(file: string, s: State) {
  const table: string[] = [];
  const index = new Map<string, number>();
  const id = (k: string) => { let i = index.get(k); if (i === undefined) { i = table.length; table.push(k); index.set(k, i); } return i; };
  const pages = [...s.pages].map(([f, r]) => [f, r.reads.map(id), r.variants] as const);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ outDir: s.outDir, media: s.media, site: s.site, fingerprints: [...s.fingerprints], table, pages }));
  renameSync(tmp, file);
  pruneStates(file);
}

/**
 * One state per output folder: a back-office server writes each publication into a new folder,
 * so only the most recent states of a code version are kept (those of folders deleted since
 * are useless; an update from a folder without state is a full render, still correct).
 */
const STATES_KEPT = 12;
function pruneStates(file: string): void {
  const dir = dirname(file);
  const prefix = /^(state-[0-9a-f]+-)/.exec(basename(file))?.[1];
  if (!prefix) return;
  try {
    const states = readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
      .map((f) => ({ f, at: (() => { try { return statSync(join(dir, f)).mtimeMs; } catch { return 0; } })() }))
      .sort((a, b) => b.at - a.at);
    for (const { f } of states.slice(STATES_KEPT)) rmSync(join(dir, f), { force: true });
  } catch { /* the cache folder went away: nothing to prune */ }
}

function loadState(file: string): State | undefined {
  try {
    const j = JSON.parse(readFileSync(file, 'utf8')) as { outDir: string; media: string; site?: string; fingerprints: [string, string][]; table: string[]; pages: [string, number[], Variant[]][] };
    return { outDir: j.outDir, media: j.media, ...(j.site ? { site: j.site } : {}), fingerprints: new Map(j.fingerprints), pages: new Map(j.pages.map(([f, r, v]) => [f, { reads: r.map((i) => j.table[i]!), variants: v }])) };
  } catch { return undefined; }
}

/** Links a file of the previous build and its .gz/.br copies. */
function linkOutput(prevDir: string, outDir: string, file: string) {
  const target = join(outDir, file);
  mkdirSync(dirname(target), { recursive: true });
  linkOrCopy(join(prevDir, file), target);
  for (const ext of ['.gz', '.br']) if (existsSync(join(prevDir, file) + ext)) linkOrCopy(join(prevDir, file) + ext, target + ext);
}

interface Bundle { manifest: SSRManifest; createApp: () => { render(request: Request, options?: { routeData?: RouteData; prerenderedErrorPageFetch?: (url: string) => Promise<Response> }): Promise<Response>; match(request: Request, allowPrerendered?: boolean): RouteData | undefined } }

/** Files and folders whose content defines the code version (anything else is content). */
const CODE_INPUTS = ['src', 'backoffice/admin', 'astro.config.ts', 'package-lock.json', 'package.json', 'tsconfig.json'];

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
async function ensureBundle(codeRoot: string, cacheDir: string, hash: string, log: (s: string) => void, signal?: AbortSignal): Promise<{ entry: string; bundled: boolean }> {
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
    for (const st of readdirSync(cacheDir)) if (st.startsWith(`state-${f}`)) rmSync(join(cacheDir, st), { force: true });
  }
}

const logger = (label: string, log: (s: string) => void): AstroIntegrationLogger => {
  const l = {
    label, options: { dest: { write: () => true }, level: 'info' },
    fork: (name: string) => logger(name, log),
    info: (m: string) => log(`[${label}] ${m}`),
    warn: (m: string) => log(`[${label}] ATTENTION ${m}`),
    error: (m: string) => log(`[${label}] ERREUR ${m}`),
    debug: () => {},
  };
  return l as unknown as AstroIntegrationLogger;
};

/** Output file of a rendered path, as `astro build` names it (build.format: 'directory'). */
export function outputFile(pathname: string, route: RouteData): string {
  if (route.type === 'endpoint') return pathname.replace(/^\//, '');
  if (route.route === '/404' || route.route === '/500') return `${route.route.slice(1)}.html`;
  const p = pathname.replace(/^\/|\/$/g, '');
  return p ? `${p}/index.html` : 'index.html';
}

type Hook = (...args: unknown[]) => unknown;
const hook = (i: AstroIntegration, name: string): Hook | undefined => (i.hooks as Record<string, Hook | undefined>)[name];

export async function createRenderer(options: RendererOptions): Promise<Renderer> {
  const codeRoot = resolve(options.codeRoot);
  const cacheDir = resolve(options.cacheDir ?? join(codeRoot, 'node_modules/.cache/eig-render'));
  const log = options.log ?? (() => {});
  const siteUrl = (options.siteUrl ?? siteConfig().siteUrl).replace(/\/+$/, '');
  mkdirSync(cacheDir, { recursive: true });
  const startupMs: Record<string, number> = {};
  let ts = performance.now();
  const step = (k: string) => { const n = performance.now(); startupMs[k] = Math.round(n - ts); ts = n; };
  const hash = codeHash(codeRoot);
  step('empreinte du code');
  const { entry, bundled } = await ensureBundle(codeRoot, cacheDir, hash, log, options.signal);
  step(bundled ? 'paquet serveur construit' : 'paquet serveur trouvé');
  const bundle = (await import(pathToFileURL(entry).href)) as Bundle;
  const { manifest } = bundle;
  const clientDir = join(dirname(dirname(entry)), 'client');
  step('import du paquet serveur');
  // The integrations alone (src/integrations/site.ts), not astro.config.ts: `astro/config` costs seconds.
  const astroConfig = await import(pathToFileURL(join(codeRoot, 'src/integrations/site.ts')).href) as { siteIntegrations: (s: { mediaDir: string }, outDir: () => string) => AstroIntegration[] };
  step('import des intégrations');

  const routes = manifest.routes.map((r) => r.routeData)
    .filter((r) => (r.type === 'page' || r.type === 'endpoint') && r.origin !== 'internal' && !r.component.startsWith('node_modules/'));
  // Every page module loaded now: a later build of other code may remove this bundle's folder.
  for (const r of routes) await (await manifest.pageMap?.get(r.component)?.())?.page();
  step('modules des pages');
  // The bundle's own query.ts computes the fingerprints: the content is parsed once per version.
  const provided = providedFingerprints();
  if (!provided) throw new Error('le paquet serveur ne fournit pas les empreintes du contenu (src/lib/content/query.ts)');
  const contentFingerprints = provided;

  /** Renders the pages of the content in CONTENT_DIR into `outDir`: those whose reads changed since `prev`, else links. */
  async function renderPages(outDir: string, prev: State | undefined, counts: { written: number; linked: number; rendered: number }, timing: Record<string, number>) {
    invalidateContent();
    enableReads();
    let t = performance.now();
    const fingerprints = contentFingerprints();
    timing['fingerprints'] = Math.round(performance.now() - t);
    phase('rendu : contenu lu et empreintes');
    const media = mediaFingerprint(process.env['MEDIA_DIR']!);
    phase('rendu : empreinte des médias');
    // What changed since the previous version: `*` (pages reading the whole set) always does.
    const changed = new Set<string>([EVERYTHING]);
    // The pages carry the site URL (canonical, Open Graph) and the bundle does not: a previous
    // output rendered for another URL (a back-office on another port) is not reused.
    const reuse = prev && prev.media === media && prev.site === siteUrl && existsSync(prev.outDir);
    if (prev && !reuse) log(`toutes les pages sont rendues : ${prev.media !== media ? 'médias modifiés' : prev.site !== siteUrl ? `adresse du site changée (${prev.site ?? '?'} → ${siteUrl})` : `build précédent absent (${prev.outDir})`}`);
    if (reuse) {
      for (const [k, v] of fingerprints) if (prev.fingerprints.get(k) !== v) changed.add(k);
      for (const k of prev.fingerprints.keys()) if (!fingerprints.has(k)) changed.add(k);
    }
    t = performance.now();
    // Astro.site of this renderer's site URL (the bundle's module, hence its manifest, may be
    // shared by several renderers of one process: set before each App, which reads it once).
    manifest.site = siteUrl;
    const app = bundle.createApp();
    const pages: { pathname: string }[] = [];
    const records = new Map<string, PageRecord>();
    const spent = { paths: 0, render: 0, link: 0 };
    for (const route of routes) {
      // Marked prerendered, Astro calls the page's getStaticPaths for its props, as in a static
      // build. The manifest's own object is changed: Astro finds a route's styles and scripts by
      // identity. The bundle is this renderer's alone.
      route.prerender = true;
      const routeReads = new Set<string>();
      let paths: string[];
      if (!route.params.length) paths = [route.pathname ?? route.route];
      else {
        const load = manifest.pageMap?.get(route.component);
        if (!load) throw new Error(`module absent du paquet serveur : ${route.component}`);
        const mod = await (await load()).page() as { getStaticPaths?: () => Promise<{ params: Record<string, string | undefined> }[]> };
        const tp = performance.now();
        const list = await recording(routeReads, async () => (await mod.getStaticPaths?.()) ?? []);
        paths = list.map((p) => route.generate(p.params));
        spent.paths += performance.now() - tp;
      }
      for (const pathname of paths) {
        const file = outputFile(pathname, route);
        if (records.has(file)) continue;
        const before = reuse ? prev.pages.get(file) : undefined;
        if (before && !before.reads.some((k) => changed.has(k)) && existsSync(join(prev!.outDir, file))) {
          const tl = performance.now();
          linkOutput(prev!.outDir, outDir, file);
          spent.link += performance.now() - tl;
          records.set(file, before);
          counts.linked++;
        } else {
          const tr = performance.now();
          const reads = new Set(routeReads);
          clearRegistry();
          const url = route.type === 'page' && !pathname.endsWith('/') ? `${pathname}/` : pathname;
          const res = await recording(reads, () => app.render(new Request(new URL(url, `${siteUrl}/`)), { routeData: route }));
          if (res.status >= 500) throw new Error(`${url} : erreur ${res.status} au rendu\n${await res.text()}`);
          const bytes = Buffer.from(await res.arrayBuffer());
          writeOutput(outDir, file, bytes, reuse ? prev.outDir : undefined, counts);
          records.set(file, { reads: [...reads], variants: registeredVariants() });
          counts.rendered++;
          spent.render += performance.now() - tr;
          if (prev) log(`rendu : /${file} (${Math.round(performance.now() - tr)} ms)`);
        }
        if (route.type === 'page') pages.push({ pathname: route.route === '/404' || route.route === '/500' ? route.route.slice(1) : pathname.replace(/^\//, '').replace(/\/?$/, '/').replace(/^\/$/, '') });
      }
    }
    timing['routes'] = Math.round(performance.now() - t);
    detail('getStaticPaths des routes', spent.paths);
    detail('rendu des pages changées', spent.render);
    detail('liens des pages inchangées', spent.link);
    phase(`rendu : ${counts.rendered} page(s) rendue(s), ${counts.linked} liée(s)`);
    // Every page's image variants, rendered now or before, for the images integration.
    clearRegistry();
    for (const r of records.values()) registerVariants(r.variants);
    return { pages, state: { outDir, media, site: siteUrl, fingerprints, pages: records } satisfies State };
  }

  let last: State | undefined;
  /** The state of the build in `dir` (this process's, or saved by an earlier one with this code). */
  const stateOf = (dir: string): State | undefined => {
    const d = resolve(dir);
    const s = states.get(d) ?? (last && resolve(last.outDir) === d ? last : undefined) ?? loadState(stateFile(cacheDir, hash, d));
    return s && resolve(s.outDir) === d ? s : undefined;
  };
  /** States of the outputs made by this process, by folder: updates may start from any of them. */
  const states = new Map<string, State>();

  /** One render at a time in this process (see `exclusive`): they share process.env and the bundle's modules. */
  const build = (contentDir: string, mediaDir: string, outDir: string, previous: string | undefined) =>
    exclusive(() => buildNow(contentDir, mediaDir, outDir, previous));

  async function buildNow(contentDir: string, mediaDir: string, outDir: string, previous: string | undefined): Promise<RenderResult> {
    const ms: Record<string, number> = {};
    let t = performance.now();
    const lap = (k: string) => { const n = performance.now(); ms[k] = Math.round(n - t); t = n; };
    const env = { CONTENT_DIR: process.env['CONTENT_DIR'], MEDIA_DIR: process.env['MEDIA_DIR'], SITE_URL: process.env['SITE_URL'], OUT_DIR: process.env['OUT_DIR'] };
    Object.assign(process.env, { CONTENT_DIR: resolve(contentDir), MEDIA_DIR: resolve(mediaDir), OUT_DIR: outDir });
    if (options.siteUrl) process.env['SITE_URL'] = siteUrl;
    const counts = { written: 0, linked: 0, rendered: 0 };
    const prev = previous === undefined ? undefined : stateOf(previous);
    if (previous !== undefined && !prev) log(`toutes les pages sont rendues : ${previous} n’est pas une sortie connue de ce moteur de rendu`);
    try {
      rmSync(outDir, { recursive: true, force: true });
      mkdirSync(outDir, { recursive: true });
      linkTree(clientDir, outDir);
      phase('rendu : liens des fichiers du paquet (_astro)');
      const { pages, state } = await renderPages(outDir, prev, counts, ms);
      lap('pages');
      options.afterPages?.(outDir, prev && existsSync(prev.outDir) ? prev.outDir : undefined);
      const integrations = astroConfig.siteIntegrations({ mediaDir: resolve(mediaDir) }, () => outDir);
      const config = { site: siteUrl, base: '/', trailingSlash: 'ignore', build: { format: 'directory' } };
      const dir = pathToFileURL(`${outDir}/`);
      for (const i of integrations) await hook(i, 'astro:config:done')?.({ config, logger: logger(i.name, log), setAdapter: () => {}, injectTypes: () => new URL(dir) });
      for (const i of integrations) await hook(i, 'astro:routes:resolved')?.({ routes: routes.map((r) => ({ ...r, pattern: r.route, entrypoint: r.component, isPrerendered: true })), logger: logger(i.name, log) });
      for (const i of integrations) {
        // The image variants were registered while rendering: the images hook must not clear them.
        if (i.name !== 'eig-images') await hook(i, 'astro:build:start')?.({ logger: logger(i.name, log) });
      }
      phase('intégrations : préparation');
      for (const i of integrations) {
        // Media: hard links rather than the integration's copy (same bytes, no time).
        if (i.name === 'eig-media') { if (existsSync(mediaDir)) { mkdirSync(join(outDir, 'img'), { recursive: true }); linkTree(resolve(mediaDir), join(outDir, 'img')); } phase('intégration eig-media (liens)'); continue; }
        // Decap's bundle (6.5 MB, from node_modules: code, same for every output of this code
        // version): hard links to the previous output's copy rather than a new copy.
        const decapOld = prev && i.name === 'eig-decap' ? join(prev.outDir, 'admin') : undefined;
        if (decapOld && decapFiles().every((f) => existsSync(join(decapOld, f)))) {
          mkdirSync(join(outDir, 'admin'), { recursive: true });
          for (const f of decapFiles()) linkOrCopy(join(decapOld, f), join(outDir, 'admin', f));
          phase('intégration eig-decap (liens)');
          continue;
        }
        const ti = performance.now();
        await hook(i, 'astro:build:done')?.({ dir, pages: pages.map((p) => ({ ...p })), routes, assets: new Map(), logger: logger(i.name, log) });
        ms[`integration ${i.name}`] = Math.round(performance.now() - ti);
        phase(`intégration ${i.name}`);
      }
      lap('integrations');
      last = state;
      states.set(outDir, state);
      // A long-lived renderer (the back-office server) makes one output per publication: keep
      // the states of the last few only (each holds every page's reads).
      for (const k of [...states.keys()].slice(0, -3)) states.delete(k);
      if (options.persist !== false) saveState(stateFile(cacheDir, hash, outDir), state);
      lap('state');
      phase('rendu : état enregistré');
      return { ...counts, pages: pages.length, ms };
    } finally {
      for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
  }

  return {
    codeHash: hash,
    bundled,
    startupMs,
    full: (contentDir, mediaDir, outDir) => build(contentDir, mediaDir, resolve(outDir), undefined),
    lastOutDir: () => last?.outDir,
    canUpdateFrom: (dir: string) => stateOf(dir) !== undefined,
    relocate: (to: string) => {
      if (!last) return;
      rmSync(stateFile(cacheDir, hash, last.outDir), { force: true });
      states.delete(last.outDir);
      last = { ...last, outDir: resolve(to) };
      states.set(last.outDir, last);
      saveState(stateFile(cacheDir, hash, last.outDir), last);
    },
    update: (contentDir, mediaDir, _changed, prevOutDir, outDir) => build(contentDir, mediaDir, resolve(outDir), resolve(prevOutDir)),
    renderPath: async (pathname) => {
      invalidateContent();
      for (const r of routes) r.prerender = true; // getStaticPaths gives the props, as in a build
      const request = new Request(new URL(pathname, `${siteUrl}/`));
      // A new App each time: an App keeps the props getStaticPaths gave (its route cache).
      manifest.site = siteUrl;
      const app = bundle.createApp();
      const route = app.match(request, true);
      if (!route || !routes.includes(route)) return new Response(null, { status: 404 });
      // On an error Astro would fetch the site's /500.html over HTTP: the status is enough here.
      return app.render(request, { routeData: route, prerenderedErrorPageFetch: async () => new Response(null, { status: 404 }) });
    },
    close: async () => {},
  };
}

let queue: Promise<unknown> = Promise.resolve();
/**
 * Runs `task` when every task given before it in this process has ended. Renders read their
 * content through process.env (CONTENT_DIR, MEDIA_DIR, SITE_URL) and share the bundle's modules:
 * two renderers of one process (two back-office stacks in a test, a preview and a publication)
 * must not interleave.
 */
export function exclusive<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => {});
  return run;
}

/** Writes a rendered file, or hard-links the previous build's copy (and its .gz/.br) when equal. */
function writeOutput(outDir: string, file: string, bytes: Buffer, previous: string | undefined, counts: { written: number; linked: number }) {
  const target = join(outDir, file);
  mkdirSync(dirname(target), { recursive: true });
  if (previous) {
    const old = join(previous, file);
    if (existsSync(old) && statSync(old).size === bytes.length && readFileSync(old).equals(bytes)) {
      linkOrCopy(old, target);
      for (const ext of ['.gz', '.br']) if (existsSync(old + ext)) linkOrCopy(old + ext, target + ext);
      counts.linked++;
      return;
    }
  }
  writeFileSync(target, bytes);
  counts.written++;
}

function linkOrCopy(from: string, to: string) {
  try { linkSync(from, to); } catch { copyFileSync(from, to); }
}

/** Hard-links every file of `from` into `to` (the bundle's client assets: /_astro/). */
export function linkTree(from: string, to: string) {
  if (!existsSync(from)) return;
  for (const f of readdirSync(from, { withFileTypes: true })) {
    const a = join(from, f.name);
    const b = join(to, f.name);
    if (f.isDirectory()) { mkdirSync(b, { recursive: true }); linkTree(a, b); }
    else linkOrCopy(a, b);
  }
}

/**
 * Replaces `target` by `fresh` (a folder) as atomically as the file system allows. The replaced
 * build (thousands of files: a second of unlinking) is removed by a detached `rm` when
 * `background` is set, so the caller is done as soon as the new folder is in place.
 */
export function swapDir(fresh: string, target: string, options: { background?: boolean } = {}) {
  const old = `${target}.old-${process.pid}-${Date.now()}`;
  if (existsSync(target)) renameSync(target, old);
  renameSync(fresh, target);
  if (!existsSync(old)) return;
  if (options.background) {
    try {
      spawn('rm', ['-rf', '--', old], { detached: true, stdio: 'ignore' }).unref();
      return;
    } catch { /* no rm: below */ }
  }
  rmSync(old, { recursive: true, force: true });
}

