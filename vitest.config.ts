import { defineConfig } from 'vitest/config';

/**
 * Tests in layers (`npm test` runs them all; each layer alone with `--project <name>`):
 * - unit (`npm run test:unit`): no build, seconds;
 * - pages (`npm run test:pages`): pages rendered by the long-lived renderer (scripts/lib/render/),
 *   no `astro build`: the server bundle is made once per code version and cached, then the demo
 *   renders in about a second; the incremental = full proof lives here;
 * - browser (`npm run test:browser`): end-to-end in Chromium, accessibility, quality gates and
 *   serving, on one full `npm run build` of the demo (tests/helpers/global-setup.ts), and the
 *   tests that drive decap-server and git (STACK).
 */
/** Unit tests that read built pages (feeds, open data, figures): rendered, so in the pages layer. */
const READ_PAGES = ['tests/unit/feeds.test.ts', 'tests/unit/opendata.test.ts', 'tests/unit/stats.test.ts'];
/**
 * Tests that drive real servers and repositories (decap-server, git, child processes): no build,
 * but ≈25 s of a loaded machine, three quarters of the unit layer's time. With the end-to-end ones.
 */
const STACK = ['tests/unit/cms-guard.test.ts'];

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
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], exclude: [...READ_PAGES, ...STACK], isolate: false } },
      { extends: true, test: { name: 'pages', include: ['tests/pages/**/*.test.ts', ...READ_PAGES], globalSetup: ['tests/helpers/render-setup.ts'], hookTimeout: 600_000 } },
      { extends: true, test: { name: 'browser', include: ['tests/{e2e,a11y,quality,deploy}/**/*.test.ts', ...STACK], globalSetup: ['tests/helpers/global-setup.ts'] } },
    ],
  },
});
