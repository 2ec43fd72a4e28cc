/**
 * `npm run build`: content checks first (all errors listed, build refused on any), then the
 * Astro build into dist/ (or OUT_DIR), then the search index (Pagefind) of the built pages.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { checkContent } from './check.ts';
import { handOver } from '../src/lib/content/handover.ts';
import { siteNow } from '../src/lib/content/clock.ts';
import { buildSearchIndex, type IndexResult } from '../engine/search-index.ts';
import { prepareForServing } from '../engine/deploy/postbuild.ts';
import { phase, timeline, timingsWanted } from '../engine/timeline.ts';
import { productionSiteUrlProblem } from '../src/lib/site-env.ts';

phase('démarrage (Node, tsx, modules)');

// Read before anything else sets NODE_ENV (Astro and the renderer do): the operator's own.
const productionProblem = productionSiteUrlProblem(process.env);
if (productionProblem) {
  console.error(productionProblem);
  process.exit(1);
}

// The instant the site is built for: the check's and the render's (entries scheduled after it
// are left out), so that the render takes the checked set instead of loading it again (handover.ts).
const now = siteNow();
const checked = checkContent(now);
if (!checked) {
  console.error('Construction refusée : corrigez les erreurs de contenu ci-dessus.');
  process.exit(1);
}
phase('vérification du contenu (check)');
// Through the long-lived renderer (engine/render/): only the pages whose content changed
// when the code did not since the last build of this folder, else a full render (new bundle).
// EIG_ASTRO_BUILD=1 (or arguments for astro) runs `astro build` itself, as before.
if (process.env['EIG_ASTRO_BUILD'] !== '1' && process.argv.length <= 2) {
  const { renderedBuild } = await import('../engine/build-path.ts');
  // The search index (Pagefind, a process of its own) starts as soon as the pages are written and
  // runs while the integrations, the CSP and the compression of everything else take the other core.
  let search: Promise<IndexResult> | undefined;
  const startIndex = (dir: string, previous: string | undefined) => {
    search = buildSearchIndex(dir, previous ? { previous } : {});
    search.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
  };
  handOver(checked, now);
  const r = await renderedBuild(process.env['OUT_DIR'] || 'dist', async (dir, previous) => {
    if (!search) startIndex(dir, previous);
    const index = search!.then((s) => {
      if (s.errors.length) throw new Error(`Index de recherche (Pagefind) en erreur : ${s.errors.join(' ; ')}`);
      console.log(`Index de recherche : ${s.pages} page(s) indexée(s) sur ${s.scanned} lue(s)${s.reused ? ' (index précédent repris : aucune page indexée n’a changé)' : ''}.`);
      phase('index de recherche (Pagefind) attendu');
    });
    index.catch(() => {}); // awaited by prepareForServing, after the compression of the rest
    await prepareForServing(dir, previous, index);
  }, { afterPages: startIndex, now });
  console.log(`Construction ${r.incremental ? 'incrémentale' : 'complète'}${r.bundled ? ' (code changé : paquet serveur refait)' : ''} : ${r.pages} page(s), ${r.rendered} rendue(s), ${r.linked} reprise(s) telles quelles, en ${r.seconds.toFixed(1)} s (${Object.entries(r.ms).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}).`);
  phase('fin');
  if (timingsWanted()) console.log(`\nChronologie (BUILD_TIMINGS=1) :\n${timeline().join('\n')}`);
  process.exit(0);
}
// Astro writes its temporary server build to <project>/.astro/ when outDir lies outside the
// project, so two builds to temporary folders would collide there: build inside the project
// (.cache/, git-ignored), then move the result to OUT_DIR.
const finalOut = resolve(process.env['OUT_DIR'] || 'dist');
const outside = !finalOut.startsWith(process.cwd() + sep);
if (outside) mkdirSync('.cache', { recursive: true });
const outDir = outside ? mkdtempSync(join(process.cwd(), '.cache', 'build-')) : finalOut;
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', OUT_DIR: outDir };
// Asynchronous, so the parent watch above keeps running during the Astro build.
const astroStatus = await new Promise<number>((done) => {
  const astro = spawn(process.execPath, ['node_modules/astro/astro.js', 'build', ...process.argv.slice(2)], { stdio: ['ignore', 'inherit', 'inherit'], env });
  astro.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  astro.on('error', () => done(1));
});
if (astroStatus !== 0) {
  if (outside) rmSync(outDir, { recursive: true, force: true });
  process.exit(astroStatus);
}
const search = await buildSearchIndex(outDir);
if (search.errors.length) {
  console.error(`Index de recherche (Pagefind) en erreur : ${search.errors.join(' ; ')}`);
  process.exit(1);
}
console.log(`Index de recherche : ${search.pages} page(s) indexée(s) sur ${search.scanned} lue(s)${search.pages ? '' : ' (aucune page de défi, de personne ou d’article)'}.`);
// Server files: Content Security Policies with this build's hashes, precompressed .gz/.br (deploy/).
await prepareForServing(outDir);
if (outside) {
  rmSync(finalOut, { recursive: true, force: true });
  mkdirSync(resolve(finalOut, '..'), { recursive: true });
  try { renameSync(outDir, finalOut); } catch {
    // Another file system (e.g. /tmp): copy, then remove.
    cpSync(outDir, finalOut, { recursive: true });
    rmSync(outDir, { recursive: true, force: true });
  }
}
