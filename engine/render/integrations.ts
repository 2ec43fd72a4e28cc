/**
 * The site's integrations (src/integrations/site.ts) run by the renderer on its own output, after
 * the pages: in proportion to what changed. Media and Decap's bundle are hard links; the image
 * variants already in the cache are links (only new ones are encoded); the sitemap is the previous
 * output's files, linked, when its inputs did not change: the site's address, the pages, the
 * routes and which pages are indexable (sitemap-xml.ts, decided once per page file); so are the
 * legacy redirect pages and the nginx map when their texts are the previous ones.
 * What an output's integrations wrote, with the key of their inputs, is kept beside the render
 * state (output-memo.ts), so that the next build of that folder, in this process or another, can
 * link rather than run again. tests/pages/incremental.test.ts proves the result byte for byte.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';
import { decapFiles } from '../../src/integrations/decap.ts';
import { rememberSitemapDecisions, sitemapDecision } from '../../src/lib/sitemap-xml.ts';
import { legacyFiles } from '../../src/integrations/legacy-redirects.ts';
import { phase } from '../timeline.ts';
import { hook, logger } from './integration-hooks.ts';
import { linkOrCopy, linkTree } from './output.ts';
import type { OutputMemos } from './output-memo.ts';

/** The sitemap integration's name (src/integrations/site.ts). */
const SITEMAP = '@astrojs/sitemap';
const LEGACY = 'eig-legacy-redirects';

export interface IntegrationsRun {
  integrations: AstroIntegration[];
  outDir: string;
  mediaDir: string;
  siteUrl: string;
  pages: { pathname: string }[];
  routes: { type: string; pathname?: string | undefined; route: string; component: string }[];
  /** The output this one was rendered from (its unchanged pages are links to it), and what its integrations wrote. */
  previous?: { outDir: string; memos: OutputMemos | undefined } | undefined;
  log: (line: string) => void;
  ms: Record<string, number>;
}

/** Runs the integrations' hooks into `outDir`; returns what they wrote, for the next build. */
export async function runIntegrations(r: IntegrationsRun): Promise<OutputMemos> {
  const { integrations, outDir, mediaDir, siteUrl, pages, routes, previous, log, ms } = r;
  const memos: OutputMemos = {};
  const config = { site: siteUrl, base: '/', trailingSlash: 'ignore', build: { format: 'directory' } };
  const dir = pathToFileURL(`${outDir}/`);
  for (const i of integrations) await hook(i, 'astro:config:done')?.({ config, logger: logger(i.name, log), setAdapter: () => {}, injectTypes: () => new URL(dir) });
  for (const i of integrations) await hook(i, 'astro:routes:resolved')?.({ routes: routes.map((x) => ({ ...x, pattern: x.route, entrypoint: x.component, isPrerendered: true })), logger: logger(i.name, log) });
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
    const decapOld = previous && i.name === 'eig-decap' ? join(previous.outDir, 'admin') : undefined;
    if (decapOld && decapFiles().every((f) => existsSync(join(decapOld, f)))) {
      mkdirSync(join(outDir, 'admin'), { recursive: true });
      for (const f of decapFiles()) linkOrCopy(join(decapOld, f), join(outDir, 'admin', f));
      phase('intégration eig-decap (liens)');
      continue;
    }
    const ti = performance.now();
    let sitemapKey: string | undefined;
    if (i.name === SITEMAP) {
      rememberSitemapDecisions(previous?.memos?.[SITEMAP]?.decisions ?? []);
      const decided = pages.map((p) => sitemapDecision(`${siteUrl}/${p.pathname}`, outDir));
      sitemapKey = createHash('sha256').update(JSON.stringify([siteUrl, pages.map((p) => p.pathname), routes.map((x) => [x.type, x.route, x.pathname ?? null]), decided.map((d) => d.keep)])).digest('base64');
      const decisions = decided.flatMap((d): [string, boolean][] => (d.id ? [[d.id, d.keep]] : []));
      const before = previous?.memos?.[SITEMAP];
      if (previous && before?.key === sitemapKey && before.files.every((f) => existsSync(join(previous.outDir, f)))) {
        for (const f of before.files) linkOrCopy(join(previous.outDir, f), join(outDir, f));
        memos[SITEMAP] = { key: sitemapKey, files: before.files, decisions };
        ms[`integration ${i.name}`] = Math.round(performance.now() - ti);
        phase(`intégration ${i.name} (liens : pages inchangées)`);
        continue;
      }
      memos[SITEMAP] = { key: sitemapKey, files: [], decisions };
    }
    if (i.name === LEGACY) {
      // Redirect pages and the nginx map: the previous output's files, linked, when the same
      // (the same texts: their key), else written.
      const files = legacyFiles(outDir, pages, logger(i.name, log));
      const key = createHash('sha256').update(JSON.stringify([...files])).digest('base64');
      const before = previous?.memos?.[LEGACY];
      const same = previous !== undefined && before?.key === key && before.files.every((f) => existsSync(join(previous.outDir, f)));
      for (const [file, text] of files) {
        mkdirSync(dirname(join(outDir, file)), { recursive: true });
        if (same) linkOrCopy(join(previous.outDir, file), join(outDir, file));
        else writeFileSync(join(outDir, file), text);
      }
      memos[LEGACY] = { key, files: [...files.keys()] };
      ms[`integration ${i.name}`] = Math.round(performance.now() - ti);
      phase(`intégration ${i.name}${same ? ' (liens : mêmes redirections)' : ''}`);
      continue;
    }
    await hook(i, 'astro:build:done')?.({ dir, pages: pages.map((p) => ({ ...p })), routes, assets: new Map(), logger: logger(i.name, log) });
    if (sitemapKey) memos[SITEMAP]!.files = readdirSync(outDir).filter((f) => /^sitemap-[\w-]*\.xml$/.test(f)).sort();
    ms[`integration ${i.name}`] = Math.round(performance.now() - ti);
    phase(`intégration ${i.name}`);
  }
  return memos;
}
