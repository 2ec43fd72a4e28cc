import { defineConfig } from 'vitest/config';

/**
 * Tests in layers, one folder (or four) per layer (`npm test` runs them all; each layer alone
 * with `--project <name>`):
 * - unit, tests/unit/ (`npm run test:unit`): no build, no server, no git repository: seconds;
 * - pages, tests/pages/ (`npm run test:pages`): pages rendered by the long-lived renderer
 *   (engine/render/), no `astro build`: the server bundle is made once per code version and
 *   cached, then the demo renders in about a second; the incremental = full proof, and the
 *   tests that read built pages (feeds, open data, figures) live here;
 * - browser, tests/{e2e,a11y,quality,deploy}/ (`npm run test:browser`): end-to-end in Chromium,
 *   accessibility, quality gates and serving, on one full `npm run build` of the demo
 *   (tests/helpers/global-setup.ts), and the tests that drive decap-server and git (≈25 s of a
 *   loaded machine: tests/e2e/backoffice-*.test.ts).
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    // Each project's time at the end of the run (tests/helpers/project-times.ts).
    reporters: ['default', './tests/helpers/project-times.ts'],
    projects: [
      // isolate: false — the unit files share one module graph per worker instead of importing
      // the model, Markdown and content layers again for each file: 28 s → 9 s at load 8–11.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], isolate: false } },
      { extends: true, test: { name: 'pages', include: ['tests/pages/**/*.test.ts'], globalSetup: ['tests/helpers/render-setup.ts'], hookTimeout: 600_000 } },
      { extends: true, test: { name: 'browser', include: ['tests/{e2e,a11y,quality,deploy}/**/*.test.ts'], globalSetup: ['tests/helpers/global-setup.ts'] } },
    ],
  },
});
