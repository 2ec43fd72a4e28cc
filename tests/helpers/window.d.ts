/**
 * What the browser tests add to a page's `window` (init scripts, then read back with
 * page.evaluate): typed here once, so no test casts `window`.
 */
import type axe from 'axe-core';

declare global {
  interface Window {
    /** axe-core, injected by an init script (tests/helpers/page-checks.ts, tests/e2e/search.test.ts). */
    axe: typeof axe;
    /** CSP violations seen since the page started loading (tests/deploy/nginx.test.ts). */
    __csp: string[];
    /** The theme when <body> appeared, and whether the DSFR module had run (tests/e2e/display.test.ts). */
    atBody?: { theme: string | null; dsfr: boolean };
  }
}
