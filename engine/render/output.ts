/**
 * The files of a build: where a rendered path goes, written or hard-linked to the previous
 * build's copy (and its .gz/.br) when the bytes are the same, and the swap of a finished build
 * into place.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RouteData } from 'astro';

/** Links a file of the previous build and its .gz/.br copies. */
export function linkOutput(prevDir: string, outDir: string, file: string) {
  const target = join(outDir, file);
  mkdirSync(dirname(target), { recursive: true });
  linkOrCopy(join(prevDir, file), target);
  for (const ext of ['.gz', '.br']) if (existsSync(join(prevDir, file) + ext)) linkOrCopy(join(prevDir, file) + ext, target + ext);
}

/** Output file of a rendered path, as `astro build` names it (build.format: 'directory'). */
export function outputFile(pathname: string, route: RouteData): string {
  if (route.type === 'endpoint') return pathname.replace(/^\//, '');
  if (route.route === '/404' || route.route === '/500') return `${route.route.slice(1)}.html`;
  const p = pathname.replace(/^\/|\/$/g, '');
  return p ? `${p}/index.html` : 'index.html';
}

/** Writes a rendered file, or hard-links the previous build's copy (and its .gz/.br) when equal. */
export function writeOutput(outDir: string, file: string, bytes: Buffer, previous: string | undefined, counts: { written: number; linked: number }) {
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

export function linkOrCopy(from: string, to: string) {
  try { linkSync(from, to); } catch { copyFileSync(from, to); }
}

/**
 * Hard-links every regular file of `from` into `to` (the bundle's client assets: /_astro/; the
 * media: /img/). Symbolic links are left out: a link of media/ would be served (or deployed by
 * rsync) as its target; the content checks refuse them.
 */
export function linkTree(from: string, to: string) {
  if (!existsSync(from)) return;
  for (const f of readdirSync(from, { withFileTypes: true })) {
    const a = join(from, f.name);
    const b = join(to, f.name);
    if (f.isDirectory()) { mkdirSync(b, { recursive: true }); linkTree(a, b); }
    else if (f.isFile()) linkOrCopy(a, b);
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
