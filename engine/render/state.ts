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
  return join(cacheDir, `state-${hash}-${createHash('sha1').update(resolve(outDir)).digest('hex').slice(0, 12)}${EXT}`);
}

/**
 * Layout: `EIGSTATE`, the header's length (uint32 LE), the header (JSON, padded to 4 bytes:
 * folder, site, fingerprints, the tables of read keys and of image variants, each page's file
 * and counts), then each page's reads and variants as uint32 LE indexes into those tables, page
 * after page. On the 10× content set (#23) a state holds 2.2 million reads and 76,000 variants
 * (3,666 distinct): as JSON it was 34 MB, 3.7–4.6 s to write and 5 s to read on the server's
 * thread (loaded machine).
 */
export function saveState(file: string, s: State) {
  const keys = interning<string>((k) => k);
  const variants = interning<Variant>((v) => JSON.stringify(v));
  let total = 0;
  for (const r of s.pages.values()) total += r.reads.length + r.variants.length;
  const ids = Buffer.allocUnsafe(total * 4);
  let at = 0;
  const pages = [...s.pages].map(([f, r]) => {
    for (const k of r.reads) { ids.writeUInt32LE(keys.id(k), at); at += 4; }
    for (const v of r.variants) { ids.writeUInt32LE(variants.id(v), at); at += 4; }
    return [f, r.reads.length, r.variants.length] as const;
  });
  const header = Buffer.from(JSON.stringify({ version: FORMAT, outDir: s.outDir, site: s.site, fingerprints: [...s.fingerprints], table: keys.table, variants: variants.table, pages }), 'utf8');
  const pad = (4 - (header.length % 4)) % 4;
  const head = Buffer.alloc(MAGIC.length + 4);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(header.length + pad, MAGIC.length);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat([head, header, Buffer.alloc(pad, 0x20), ids]));
  renameSync(tmp, file);
  pruneStates(file);
}

/** A table of distinct values (by `key`) and each value's index in it. */
function interning<T>(key: (v: T) => string): { table: T[]; id: (v: T) => number } {
  const table: T[] = [];
  const index = new Map<string, number>();
  return { table, id: (v) => { const k = key(v); let i = index.get(k); if (i === undefined) { i = table.length; table.push(v); index.set(k, i); } return i; } };
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
    const states = readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith(EXT))
      .map((f) => ({ f, at: (() => { try { return statSync(join(dir, f)).mtimeMs; } catch { return 0; } })() }))
      .sort((a, b) => b.at - a.at);
    for (const { f } of states.slice(STATES_KEPT)) rmSync(join(dir, f), { force: true });
  } catch { /* the cache folder went away: nothing to prune */ }
}

/** Format of the state file: 3 is binary (see saveState); 2 held the same in JSON, 1 one fingerprint of the whole media folder. */
const FORMAT = 3;
const MAGIC = 'EIGSTATE';
const EXT = '.state';

export function loadState(file: string): State | undefined {
  try {
    const buf = readFileSync(file);
    if (buf.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
    const length = buf.readUInt32LE(MAGIC.length);
    const start = MAGIC.length + 4;
    const j = JSON.parse(buf.toString('utf8', start, start + length)) as { version?: number; outDir: string; site?: string; fingerprints: [string, string][]; table: string[]; variants: Variant[]; pages: [string, number, number][] };
    if (j.version !== FORMAT) return undefined;
    let at = start + length;
    const next = () => { const i = buf.readUInt32LE(at); at += 4; return i; };
    const pages = new Map<string, PageRecord>();
    for (const [f, n, m] of j.pages) {
      const reads = new Array<string>(n);
      for (let i = 0; i < n; i++) reads[i] = j.table[next()]!;
      const variants = new Array<Variant>(m);
      for (let i = 0; i < m; i++) variants[i] = j.variants[next()]!;
      pages.set(f, { reads, variants });
    }
    if (at !== buf.length) return undefined;
    return { outDir: j.outDir, ...(j.site ? { site: j.site } : {}), fingerprints: new Map(j.fingerprints), pages };
  } catch { return undefined; }
}
