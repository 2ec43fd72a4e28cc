/**
 * What the renderer remembers of a build, so that the next one renders only the pages whose
 * reads changed: each page's reads and image variants, the fingerprints of the content's keys
 * and of each media file (`M <path>` keys, src/lib/content/reads.ts `mediaKey`).
 * Kept in memory and on disk, one file per code version and output folder.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { mediaKey } from '../../src/lib/content/reads.ts';
import type { Variant } from '../../src/lib/images/pipeline.ts';

/** What a page read (keys of src/lib/content/reads.ts) and the image variants it asked for. */
export interface PageRecord { reads: string[]; variants: Variant[] }
/** What the next update compares with. */
export interface State {
  /** `fingerprints`: the content's keys and the media files' (`M <path>`), see {@link mediaFingerprints}. */
  outDir: string; fingerprints: Map<string, string>; pages: Map<string, PageRecord>;
  /** Site URL the pages were rendered with (canonical, Open Graph): another one renders them all. */
  site?: string;
}

/**
 * Each media file's fingerprint (size and modification time), keyed as pages record their media
 * reads (`M <path>`, path under the media root): a new, replaced or deleted file changes its key
 * only, so only the pages that show it (or looked for it) are rendered again.
 */
export function mediaFingerprints(mediaDir: string): [string, string][] {
  const out: [string, string][] = [];
  const walk = (d: string, rel: string) => {
    let list;
    try { list = readdirSync(d, { withFileTypes: true }); } catch { return; }
    for (const f of list) {
      const p = join(d, f.name);
      const r = rel ? `${rel}/${f.name}` : f.name;
      if (f.isDirectory()) walk(p, r);
      else if (f.isFile()) { const s = statSync(p); out.push([mediaKey(r), `${s.size}\t${s.mtimeMs}`]); }
    }
  };
  walk(mediaDir, '');
  return out;
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
  writeFileSync(tmp, JSON.stringify({ version: FORMAT, outDir: s.outDir, site: s.site, fingerprints: [...s.fingerprints], table, pages }));
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

/** Format of the state file: 2 holds the media files' fingerprints among the keys (1: one fingerprint of the whole media folder). */
const FORMAT = 2;

export function loadState(file: string): State | undefined {
  try {
    const j = JSON.parse(readFileSync(file, 'utf8')) as { version?: number; outDir: string; site?: string; fingerprints: [string, string][]; table: string[]; pages: [string, number[], Variant[]][] };
    if (j.version !== FORMAT) return undefined;
    return { outDir: j.outDir, ...(j.site ? { site: j.site } : {}), fingerprints: new Map(j.fingerprints), pages: new Map(j.pages.map(([f, r, v]) => [f, { reads: r.map((i) => j.table[i]!), variants: v }])) };
  } catch { return undefined; }
}
