import { spawnSync } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { staticServer } from '../../scripts/lib/static-server.ts';

declare module 'vitest' {
  export interface ProvidedContext { baseUrl: string; distDir: string }
}

let server: Server | undefined;

/** Builds the demo site once (unless SKIP_BUILD=1) and serves dist/ on 127.0.0.1 for the run. */
export async function setup(project: TestProject) {
  const distDir = resolve('dist');
  if (process.env['SKIP_BUILD'] !== '1') {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CONTENT_DIR: '', MEDIA_DIR: '' } });
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
