/**
 * What the renderer remembers of a build, so that the next one renders only the pages whose
 * reads changed: each page's reads and image variants, the content's fingerprints, the media's.
 * Kept in memory and on disk, one file per code version and output folder.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Variant } from '../../src/lib/images/pipeline.ts';

/** What a page read (keys of src/lib/content/reads.ts) and the image variants it asked for. */
export interface PageRecord { reads: string[]; variants: Variant[] }
/** What the next update compares with. */
export interface State {
  outDir: string; media: string; fingerprints: Map<string, string>; pages: Map<string, PageRecord>;
  /** Site URL the pages were rendered with (canonical, Open Graph): another one renders them all. */
  site?: string;
}

/** Media files by path, size and modification time: a change re-renders every page. */
export function mediaFingerprint(mediaDir: string): string {
  const h = createHash('sha1');
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const f of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, f.name);
      if (f.isDirectory()) walk(p);
      else if (f.isFile()) { const s = statSync(p); h.update(`${relative(mediaDir, p)}\t${s.size}\t${s.mtimeMs}\n`); }
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
export function stateFile(cacheDir: string, hash: string, outDir: string): string {
  return join(cacheDir, `state-${hash}-${createHash('sha1').update(resolve(outDir)).digest('hex').slice(0, 12)}.json`);
}

export function saveState(file: string, s: State) {
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

export function loadState(file: string): State | undefined {
  try {
    const j = JSON.parse(readFileSync(file, 'utf8')) as { outDir: string; media: string; site?: string; fingerprints: [string, string][]; table: string[]; pages: [string, number[], Variant[]][] };
    return { outDir: j.outDir, media: j.media, ...(j.site ? { site: j.site } : {}), fingerprints: new Map(j.fingerprints), pages: new Map(j.pages.map(([f, r, v]) => [f, { reads: r.map((i) => j.table[i]!), variants: v }])) };
  } catch { return undefined; }
}
