/**
 * What the production server needs from a build, made right after it (called by scripts/build.ts):
 * the Content Security Policies with the hashes of the build's inline blocks (csp.ts), then the
 * precompressed .gz/.br copies (compress.ts, last, so that every file is covered).
 */
import { compressDist } from './compress.ts';
import { CSP_FILE, writeCsp } from './csp.ts';
import { phase } from '../lib/timeline.ts';

/**
 * `previous`: the build this one was made incrementally from (its unchanged files are hard links
 * to the previous ones): their compressed copies are linked rather than compressed again.
 */
export async function prepareForServing(distDir: string, previous?: string): Promise<void> {
  const p = writeCsp(distDir);
  phase('CSP (empreintes des blocs en ligne)');
  // A server that never sends precompressed files (the embedded back-office preview) can skip them.
  if (process.env['SKIP_COMPRESS'] === '1') {
    console.log(`Service : ${CSP_FILE} écrit ; précompression ignorée (SKIP_COMPRESS=1).`);
    return;
  }
  const s = await compressDist(distDir, previous);
  phase('précompression (gzip, brotli)');
  console.log(`Service : ${CSP_FILE} (${p.inline.site.scripts.size + p.inline.site.styles.size} bloc(s) en ligne autorisé(s) par empreinte), `
    + `${s.files} fichiers précompressés en gzip et brotli en ${s.ms} ms.`);
}
