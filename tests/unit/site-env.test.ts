/**
 * Production builds never guess the site's address (issue #20, item 8): NODE_ENV=production
 * without SITE_URL stops `npm run build` with one French message; development and tests keep the
 * loopback default.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { DEV_SITE_URL, productionSiteUrlProblem, siteConfig } from '../../src/lib/site-env.ts';

describe('the site URL of a build', () => {
  it('keeps the loopback default outside production (dev, tests, CI=true)', () => {
    expect(siteConfig({}).siteUrl).toBe(DEV_SITE_URL);
    expect(productionSiteUrlProblem({})).toBeUndefined();
    expect(productionSiteUrlProblem({ CI: 'true' })).toBeUndefined();
    expect(productionSiteUrlProblem({ NODE_ENV: 'test' })).toBeUndefined();
  });

  it('refuses a production build without SITE_URL or with a relative one, in French', () => {
    expect(productionSiteUrlProblem({ NODE_ENV: 'production' })).toMatch(/^Construction de production \(NODE_ENV=production\) sans SITE_URL/);
    expect(productionSiteUrlProblem({ NODE_ENV: 'production', SITE_URL: 'exemple.gouv.fr' })).toMatch(/n’est pas une adresse absolue/);
    expect(productionSiteUrlProblem({ NODE_ENV: 'production', SITE_URL: 'https://exemple.gouv.fr' })).toBeUndefined();
  });

  it('npm run build with NODE_ENV=production and no SITE_URL stops before building, with the message', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', OUT_DIR: '/nonexistent/never-written' };
    delete env['SITE_URL'];
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { encoding: 'utf8', env, timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Construction de production \(NODE_ENV=production\) sans SITE_URL/)]);
  }, 60_000);
});
