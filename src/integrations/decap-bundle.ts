/**
 * Decap CMS's prebuilt bundle, without its dependency tree.
 *
 * The site uses one folder of the `decap-cms` npm package: `dist/`, a self-contained webpack
 * build. Installing the package as a dependency would also install its ~620 dependencies (React,
 * webpack loaders, the CMS's source packages) and their peer warnings, none of which the bundle
 * needs. So the package is not a dependency: its tarball is fetched by `npm pack` (which uses the
 * project's registry and npm's cache, so `npm ci --offline` works once cached), its sha512 is
 * checked against the `integrity` pinned in package.json (`vendored` field, the registry's
 * published hash), and the files /admin/ needs are extracted into node_modules/.cache/, with the
 * few changes of decap-patches.ts applied to the main bundle (stamped in `.patches`: a new patch
 * set extracts again).
 *
 * It runs at `postinstall` (so `npm ci` alone prepares it) and again, lazily, when the bundle is
 * read and missing (an install made with --ignore-scripts).
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { patchBundle, patchesStamp } from './decap-patches.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface VendoredPackage { name: string; version: string; integrity: string }

/** The pinned package (package.json's `vendored` field). */
export function pinnedDecap(rootDir = root): VendoredPackage {
  const file = join(rootDir, 'package.json');
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { vendored?: Record<string, { version?: unknown; integrity?: unknown }> };
  const entry = pkg.vendored?.['decap-cms'];
  if (typeof entry?.version !== 'string' || typeof entry.integrity !== 'string' || !entry.integrity.startsWith('sha512-')) {
    throw new Error(`${file} : champ « vendored.decap-cms » attendu avec « version » et « integrity » (sha512-…)`);
  }
  return { name: 'decap-cms', version: entry.version, integrity: entry.integrity };
}

/** The files /admin/ needs: main bundle, lazy chunks, the .wasm files, the licence notice (no maps, no cms.js twin). */
export const isBundleFile = (f: string): boolean => /^(\d+\.)?decap-cms\.js$/.test(f) || f.endsWith('.wasm') || f === 'decap-cms.js.LICENSE.txt';

/** Where the bundle of this version lives once extracted. */
export const bundleDir = (p: VendoredPackage, rootDir = root): string => join(rootDir, 'node_modules', '.cache', `${p.name}@${p.version}`, 'dist');

/** The `sha512-<base64>` integrity string of some bytes (the registry's format). */
export const integrityOf = (bytes: Buffer): string => `sha512-${createHash('sha512').update(bytes).digest('base64')}`;

/**
 * Returns the bundle's folder, fetching and extracting it first if absent. Throws a French error
 * (with the expected and actual hashes) if the tarball does not match the pinned integrity.
 */
export function ensureDecapBundle(rootDir = root, log: (line: string) => void = () => {}): string {
  const p = pinnedDecap(rootDir);
  const dir = bundleDir(p, rootDir);
  const stamp = join(dir, '.integrity');
  const patched = join(dir, '.patches');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === p.integrity && existsSync(patched) && readFileSync(patched, 'utf8') === patchesStamp()) return dir;

  const tmp = mkdtempSync(join(tmpdir(), 'eig-decap-'));
  let staged: string | undefined;
  try {
    log(`Decap : npm pack ${p.name}@${p.version}`);
    // cwd = tmp: npm must not read the project's own package.json as a workspace.
    const out = execFileSync('npm', ['pack', `${p.name}@${p.version}`, '--json', '--pack-destination', tmp], { cwd: tmp, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const [packed] = JSON.parse(out) as { filename: string }[];
    if (!packed) throw new Error(`npm pack ${p.name}@${p.version} n’a produit aucune archive`);
    const tgz = join(tmp, packed.filename);
    const actual = integrityOf(readFileSync(tgz));
    if (actual !== p.integrity) {
      throw new Error(`Archive ${p.name}@${p.version} refusée : son empreinte ${actual} diffère de celle fixée dans package.json (vendored.${p.name}.integrity = ${p.integrity})`);
    }
    // The system tar (GNU tar, bsdtar on macOS and Windows 10+) reads npm's gzipped ustar.
    execFileSync('tar', ['-xzf', tgz, '-C', tmp], { stdio: ['ignore', 'ignore', 'inherit'] });
    const src = join(tmp, 'package', 'dist');
    // Staged next to its final place (same file system), then renamed: never half a bundle.
    mkdirSync(dirname(dir), { recursive: true });
    staged = mkdtempSync(join(dirname(dir), '.staging-'));
    const files = readdirSync(src).filter(isBundleFile);
    if (!files.includes('decap-cms.js')) throw new Error(`${p.name}@${p.version} : dist/decap-cms.js absent de l’archive`);
    for (const f of files) copyFileSync(join(src, f), join(staged, f));
    // Our few changes to the main bundle (src/integrations/decap-patches.ts), each found once.
    const main = join(staged, 'decap-cms.js');
    writeFileSync(main, patchBundle(readFileSync(main, 'utf8')));
    writeFileSync(join(staged, '.integrity'), p.integrity);
    writeFileSync(join(staged, '.patches'), patchesStamp());
    rmSync(dir, { recursive: true, force: true });
    renameSync(staged, dir);
    log(`Decap : ${files.length} fichiers de ${p.name}@${p.version} dans ${dir}`);
    return dir;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    if (staged) rmSync(staged, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureDecapBundle(root, (l) => console.log(l));
}
