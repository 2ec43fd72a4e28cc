import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

let made: string | undefined;

/**
 * The pages layer: the demo content rendered by the long-lived renderer (no astro build; its
 * server bundle is cached per code version), provided as `distDir`. Pages only: no search
 * index, CSP or compression. TEST_DIST=<dir> reuses an existing build instead.
 */
export function setup(project: TestProject) {
  const reuse = process.env['TEST_DIST'];
  let distDir: string;
  if (reuse) distDir = resolve(reuse);
  else {
    made = mkdtempSync(join(tmpdir(), 'eig-pages-'));
    distDir = join(made, 'dist');
    const env = { ...process.env, CONTENT_DIR: '', MEDIA_DIR: '', ASTRO_TELEMETRY_DISABLED: '1' };
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/render.ts', distDir], { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (r.status !== 0) throw new Error('Le rendu du site de démonstration a échoué (scripts/render.ts).');
  }
  project.provide('distDir', distDir);
  project.provide('baseUrl', '');
}

export function teardown() {
  if (made) rmSync(made, { recursive: true, force: true });
}
