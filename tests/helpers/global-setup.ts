import { spawnSync } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { staticServer } from '../../backoffice/server/static.ts';

declare module 'vitest' {
  export interface ProvidedContext { baseUrl: string; distDir: string }
}

let server: Server | undefined;

/**
 * Builds the demo site once into a folder of its own (so runs can overlap) and serves it on
 * 127.0.0.1 for the run. TEST_DIST=<dir> reuses an existing build instead.
 */
export async function setup(project: TestProject) {
  const reuse = process.env['TEST_DIST'];
  const distDir = reuse ? resolve(reuse) : join(mkdtempSync(join(tmpdir(), 'eig-test-')), 'dist');
  if (!reuse) {
    const env = { ...process.env, CONTENT_DIR: '', MEDIA_DIR: '', OUT_DIR: distDir, ASTRO_CACHE_DIR: `${distDir}-cache` };
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (r.status !== 0) throw new Error('La construction du site de démonstration a échoué (npm run build).');
  }
  server = staticServer(() => distDir);
  await new Promise<void>((ok) => server!.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  project.provide('distDir', distDir);
}

export async function teardown() {
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
}
