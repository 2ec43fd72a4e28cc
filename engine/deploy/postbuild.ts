/**
 * What the production server needs from a build, made right after it (called by scripts/build.ts):
 * the Content Security Policies with the hashes of the build's inline blocks (csp.ts), then the
 * precompressed .gz/.br copies (compress.ts, last, so that every file is covered).
 */
import { compressDist } from './compress.ts';
import { CSP_FILE, writeCsp } from './csp.ts';
import { join } from 'node:path';
import { phase } from '../timeline.ts';

/**
 * `previous`: the build this one was made incrementally from (its unchanged files are hard links
 * to the previous ones): their compressed copies are linked rather than compressed again.
 * `searchIndex`: the search index being written into <distDir>/pagefind/ meanwhile (scripts/build.ts
 * starts it as soon as the pages are rendered): everything else is compressed while it runs,
 * its folder once it is done.
 */
export async function prepareForServing(distDir: string, previous?: string, searchIndex?: Promise<unknown>): Promise<void> {
  const p = writeCsp(distDir);
  phase('CSP (empreintes des blocs en ligne)');
  // A server that never sends precompressed files (the embedded back-office preview) can skip them.
  if (process.env['SKIP_COMPRESS'] === '1') {
    await searchIndex;
    console.log(`Service : ${CSP_FILE} écrit ; précompression ignorée (SKIP_COMPRESS=1).`);
    return;
  }
  const s = await compressDist(distDir, previous, searchIndex ? { skip: ['pagefind'] } : {});
  phase('précompression (gzip, brotli)');
  if (searchIndex) {
    await searchIndex;
    const t = await compressDist(join(distDir, 'pagefind'), previous === undefined ? undefined : join(previous, 'pagefind'));
    for (const k of ['files', 'bytes', 'gzipBytes', 'brotliBytes', 'ms'] as const) s[k] += t[k];
    phase('précompression de l’index de recherche');
  }
  console.log(`Service : ${CSP_FILE} (${p.inline.site.scripts.size + p.inline.site.styles.size} bloc(s) en ligne autorisé(s) par empreinte), `
    + `${s.files} fichiers précompressés en gzip et brotli en ${s.ms} ms.`);
}
