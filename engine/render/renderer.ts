/**
 * The long-lived renderer: the site's Astro pages compiled ONCE per code version into a server
 * bundle (astro.config.ts with EIG_RENDER_SERVER=1, src/integrations/render-server.ts), then
 * driven in this process for every content version. A content change costs a render of the
 * pages, not a new Vite bundle (≈8 s of a build on the corpus).
 *
 * Same components, same data path: the pages read content through src/lib/content/query.ts,
 * which loads the content tree at render time (not astro:content's frozen snapshot). The files
 * `astro build` writes after its pages (media, /_img/, /admin/ bundle, sitemap, redirects) come
 * from the SAME integrations (src/integrations/site.ts, as astro.config.ts uses them), called
 * here with the pages this renderer wrote. tests/pages/incremental.test.ts proves an update's
 * output equals a full render's, and tests/e2e/astro-build-equal.test.ts that a full render's
 * equals `astro build`'s.
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
 *
 * Its parts: types.ts (options and results), bundle.ts (the server bundle per code version),
 * state.ts (what the next update compares with), output.ts (files written or linked, swap).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';
import { clearRegistry, registerVariants, registeredVariants } from '../../src/lib/images/registry.ts';
import { EVERYTHING, enableReads, providedFingerprints, recording } from '../../src/lib/content/reads.ts';
import { invalidateContent } from '../../src/lib/content/repository.ts';
import { withSiteClock } from '../../src/lib/content/clock.ts';
import { withdrawHandover } from '../../src/lib/content/handover.ts';
import { siteConfig } from '../../src/lib/site-env.ts';
import { detail, phase } from '../timeline.ts';
import { codeHash, ensureBundle, type Bundle } from './bundle.ts';
import { linkOutput, linkTree, outputFile, writeOutput } from './output.ts';
import { loadMemos, memoFile, saveMemos, type OutputMemos } from './output-memo.ts';
import { runIntegrations } from './integrations.ts';
import { loadState, mediaFingerprints, saveState, stateFile, type PageRecord, type State } from './state.ts';
import type { RenderResult, Renderer, RendererOptions } from './types.ts';

export type { RenderResult, Renderer, RendererOptions } from './types.ts';
export { swapDir } from './output.ts';

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
  // Every page module loaded now (a later build of other code may remove this bundle's folder),
  // and handed out from memory from then on: Astro imports a route's module at each render, and
  // each `import()` goes through the module loader's hooks (tsx's, in another thread): ≈1.3 ms
  // a page, a tenth of a page's render (CPU profile of a full render of the corpus).
  if (manifest.pageMap) {
    const loaded = new Map(manifest.pageMap);
    for (const r of routes) {
      const load = manifest.pageMap.get(r.component);
      if (!load) continue;
      const mod = await load();
      const page = await mod.page();
      loaded.set(r.component, () => Promise.resolve({ ...mod, page: () => Promise.resolve(page) }));
    }
    manifest.pageMap = loaded;
  }
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
    // A copy: the bundle's map is its cache of this content version.
    const fingerprints = new Map(contentFingerprints());
    timing['fingerprints'] = Math.round(performance.now() - t);
    phase('rendu : contenu lu et empreintes');
    for (const [k, v] of mediaFingerprints(process.env['MEDIA_DIR']!)) fingerprints.set(k, v);
    phase('rendu : empreintes des médias');
    // What changed since the previous version: `*` (pages reading the whole set) always does.
    const changed = new Set<string>([EVERYTHING]);
    // The pages carry the site URL (canonical, Open Graph) and the bundle does not: a previous
    // output rendered for another URL (a back-office on another port) is not reused.
    const reuse = prev && prev.site === siteUrl && existsSync(prev.outDir);
    if (prev && !reuse) log(`toutes les pages sont rendues : ${prev.site !== siteUrl ? `adresse du site changée (${prev.site ?? '?'} → ${siteUrl})` : `build précédent absent (${prev.outDir})`}`);
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
    phase(`rendu : ${counts.rendered} fichier(s) rendu(s) (pages, flux, données), ${counts.linked} lié(s)`);
    // Every page's image variants, rendered now or before, for the images integration.
    clearRegistry();
    for (const r of records.values()) registerVariants(r.variants);
    return { pages, state: { outDir, site: siteUrl, fingerprints, pages: records } satisfies State };
  }

  let saving: Promise<void> = Promise.resolve();
  const persistSoon = (file: string, state: State) => {
    saving = saving.then(() => new Promise<void>((done) => setTimeout(() => {
      try { saveState(file, state); saveMemos(memoFile(file), outputMemos.get(state.outDir)); } catch (e) { log(`état du rendu non enregistré (${file}) : ${e instanceof Error ? e.message : String(e)}`); }
      done();
    }, 0)));
  };

  let last: State | undefined;
  /** The state of the build in `dir` (this process's, or saved by an earlier one with this code). */
  const stateOf = (dir: string): State | undefined => {
    const d = resolve(dir);
    const s = states.get(d) ?? (last && resolve(last.outDir) === d ? last : undefined) ?? loadState(stateFile(cacheDir, hash, d));
    return s && resolve(s.outDir) === d ? s : undefined;
  };
  /** States of the outputs made by this process, by folder: updates may start from any of them. */
  const states = new Map<string, State>();
  /** What the integrations wrote into those outputs (integrations.ts), by folder. */
  const outputMemos = new Map<string, OutputMemos>();
  const memosOf = (dir: string): OutputMemos | undefined => outputMemos.get(resolve(dir)) ?? loadMemos(memoFile(stateFile(cacheDir, hash, resolve(dir))));

  /** One render at a time in this process (see `exclusive`): they share process.env and the bundle's modules. */
  const build = (contentDir: string, mediaDir: string, outDir: string, previous: string | undefined, now?: Date) =>
    exclusive(() => withSiteClock(now, () => buildNow(contentDir, mediaDir, outDir, previous)));

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
      if (options.afterPages) phase('index de recherche lancé (processus à part)');
      const previousDir = prev && existsSync(prev.outDir) ? prev.outDir : undefined;
      const memos = await runIntegrations({
        integrations: astroConfig.siteIntegrations({ mediaDir: resolve(mediaDir) }, () => outDir),
        outDir, mediaDir, siteUrl, pages, routes, log, ms,
        previous: previousDir ? { outDir: previousDir, memos: memosOf(previousDir) } : undefined,
      });
      outputMemos.set(outDir, memos);
      lap('integrations');
      last = state;
      states.set(outDir, state);
      // A long-lived renderer (the back-office server) makes one output per publication: keep
      // the states of the last few only (each holds every page's reads).
      for (const k of [...states.keys()].slice(0, -3)) states.delete(k);
      for (const k of [...outputMemos.keys()].slice(0, -3)) outputMemos.delete(k);
      // Saved on disk (for another process, or this one after a restart) once the caller has the
      // result: off the publication's path (it serialises every page's reads: up to a second on
      // the corpus under load), while the search index runs in its own process. `close` waits.
      if (options.persist !== false) persistSoon(stateFile(cacheDir, hash, outDir), state);
      lap('state');
      return { ...counts, pages: pages.length, ms };
    } finally {
      // The checked set handed over for this render (handover.ts) is not for any later load.
      withdrawHandover();
      for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
  }

  return {
    codeHash: hash,
    bundled,
    startupMs,
    full: (contentDir, mediaDir, outDir, now) => build(contentDir, mediaDir, resolve(outDir), undefined, now),
    lastOutDir: () => last?.outDir,
    canUpdateFrom: (dir: string) => stateOf(dir) !== undefined,
    relocate: (to: string) => {
      if (!last) return;
      rmSync(stateFile(cacheDir, hash, last.outDir), { force: true });
      rmSync(memoFile(stateFile(cacheDir, hash, last.outDir)), { force: true });
      const memos = outputMemos.get(last.outDir);
      states.delete(last.outDir);
      outputMemos.delete(last.outDir);
      last = { ...last, outDir: resolve(to) };
      states.set(last.outDir, last);
      if (memos) outputMemos.set(last.outDir, memos);
      saveState(stateFile(cacheDir, hash, last.outDir), last);
      saveMemos(memoFile(stateFile(cacheDir, hash, last.outDir)), memos);
    },
    update: (contentDir, mediaDir, _changed, prevOutDir, outDir, now) => build(contentDir, mediaDir, resolve(outDir), resolve(prevOutDir), now),
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
    close: () => saving,
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

