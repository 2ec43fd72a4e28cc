import { defineConfig } from 'vitest/config';

// One run for every kind of test: unit tests (tests/unit), end-to-end tests in Chromium
// (tests/e2e) and accessibility checks (tests/a11y). The global setup builds the demo site
// once and serves it on a free loopback port for the browser tests.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    reporters: ['default'],
  },
});
