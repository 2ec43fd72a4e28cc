/**
 * The long-lived renderer's full build equals `astro build`'s (#12 item 3, with
 * tests/pages/incremental.test.ts, which proves incremental = the renderer's full build after a
 * sequence of edits). The demo build of this layer (tests/helpers/global-setup.ts: `npm run
 * build`, through the renderer) is compared with `astro build` of the same content: same files,
 * same bytes. The files of `npm run build`'s post-steps (search index, CSP, .gz/.br), which
 * astro build does not write, are left out.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, inject, it } from 'vitest';
import { differences } from '../helpers/tree-diff.ts';

it('la construction complète du renderer égale celle d’astro build', () => {
  // Inside the project: Astro writes its intermediate files to <project>/.astro otherwise.
  const out = resolve('.cache', `astro-equal-${process.pid}`);
  const cache = mkdtempSync(join(tmpdir(), 'eig-astro-equal-'));
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CONTENT_DIR: '', MEDIA_DIR: '', OUT_DIR: out, ASTRO_CACHE_DIR: cache, NODE_ENV: 'production' };
  try {
    const r = spawnSync(process.execPath, ['node_modules/astro/astro.js', 'build'], { env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(differences(inject('distDir'), out, /^pagefind\/|\.(gz|br)$|^nginx-csp\.conf$/)).toEqual([]);
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  }
}, 600_000);
