/**
 * Pagefind's content-hashed files (engine/search-index.ts): fragments (one per page), word index
 * and filter chunks, the metadata file. Their name is a hash of their bytes, and Pagefind does
 * not compress or write again such a file that exists (its own « immutable » files): linking the
 * previous index's hashed files into the new output first leaves it to compress and write only
 * the files that changed (on the corpus, a text edit changes one fragment, a few word chunks and
 * the metadata). The new metadata then says which of them this index uses; the others (the
 * changed pages' old fragments, the old chunks) are removed, so that the folder holds the files
 * of a full index of the same pages, and no other.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decode } from 'cbor2';

/** Folders of hashed files, with their extension. */
const HASHED_DIRS: Record<string, string> = { fragment: '.pf_fragment', index: '.pf_index', filter: '.pf_filter' };
const META = /^pagefind\.(.+)\.pf_meta$/;

/** Links the hashed files of the index in `from` into `to`; returns them (relative to `to`). */
export function linkHashed(from: string, to: string): string[] {
  const linked: string[] = [];
  const link = (rel: string) => {
    try { linkSync(join(from, rel), join(to, rel)); } catch { copyFileSync(join(from, rel), join(to, rel)); }
    linked.push(rel);
  };
  if (!existsSync(from)) return linked;
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from)) if (META.test(f)) link(f);
  for (const dir of Object.keys(HASHED_DIRS)) {
    if (!existsSync(join(from, dir))) continue;
    mkdirSync(join(to, dir), { recursive: true });
    for (const f of readdirSync(join(from, dir))) link(`${dir}/${f}`);
  }
  return linked;
}

/** Pagefind's metadata file as it writes it: gzip of `pagefind_dcd` then CBOR (index_metadata.rs). */
type Meta = [string, [string, number][], [string, string, string][], [string, string][], ...unknown[]];

/**
 * The hashed files the index in `dir` uses (its entry file's metadata, by language), and
 * whether a name is longer than Pagefind's first choice (`<lang>_` and 7 characters of the
 * hash): two of its files' hashes began alike, and which file got the short name depends on
 * the order it met them in, so that a linked file of that name may hold other bytes.
 */
export function usedFiles(dir: string): { used: Set<string>; extended: boolean } {
  const entry = JSON.parse(readFileSync(join(dir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string }> };
  const used = new Set<string>();
  let extended = false;
  for (const [lang, { hash }] of Object.entries(entry.languages)) {
    const name = `pagefind.${hash}.pf_meta`;
    used.add(name);
    const raw = gunzipSync(readFileSync(join(dir, name)));
    const tag = Buffer.from('pagefind_dcd');
    if (!raw.subarray(0, tag.length).equals(tag)) throw new Error(`${name} : métadonnées Pagefind illisibles`);
    const [, pages, chunks, filters] = decode(raw.subarray(tag.length)) as Meta;
    const names = [...pages.map(([h]) => ['fragment', h]), ...chunks.map(([, , h]) => ['index', h]), ...filters.map(([, h]) => ['filter', h])] as [string, string][];
    for (const [d, h] of names) {
      used.add(`${d}/${h}${HASHED_DIRS[d]}`);
      if (h.length > lang.length + 8) extended = true;
    }
  }
  return { used, extended };
}

/** Removes the linked files the new index does not use. */
export function removeUnused(dir: string, linked: string[], used: Set<string>): number {
  let n = 0;
  for (const f of linked) if (!used.has(f)) { rmSync(join(dir, f), { force: true }); n++; }
  return n;
}
