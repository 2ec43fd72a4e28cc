import { defineConfig } from 'vitest/config';

/**
 * Tests in layers (`npm test` runs them all; each layer alone with `--project <name>`):
 * - unit (`npm run test:unit`): no build, seconds;
 * - pages (`npm run test:pages`): pages rendered by the long-lived renderer (scripts/lib/render/),
 *   no `astro build`: the server bundle is made once per code version and cached, then the demo
 *   renders in about a second; the incremental = full proof lives here;
 * - browser (`npm run test:browser`): end-to-end in Chromium, accessibility, quality gates and
 *   serving, on one full `npm run build` of the demo (tests/helpers/global-setup.ts).
 */
/** Unit tests that read built pages (feeds, open data, figures): rendered, so in the pages layer. */
const READ_PAGES = ['tests/unit/feeds.test.ts', 'tests/unit/opendata.test.ts', 'tests/unit/stats.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], exclude: READ_PAGES } },
      { extends: true, test: { name: 'pages', include: ['tests/pages/**/*.test.ts', ...READ_PAGES], globalSetup: ['tests/helpers/render-setup.ts'], hookTimeout: 600_000 } },
      { extends: true, test: { name: 'browser', include: ['tests/{e2e,a11y,quality,deploy}/**/*.test.ts'], globalSetup: ['tests/helpers/global-setup.ts'] } },
    ],
  },
});
