/**
 * `npm run build`: content checks first (all errors listed, build refused on any), then the
 * Astro build into dist/.
 */
import { spawnSync } from 'node:child_process';
import { runCheck } from './check.ts';

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
if (!runCheck()) {
  console.error('Construction refusée : corrigez les erreurs de contenu ci-dessus.');
  process.exit(1);
}
const astro = spawnSync(process.execPath, ['node_modules/astro/astro.js', 'build', ...process.argv.slice(2)], { stdio: 'inherit', env });
if (astro.status !== 0) process.exit(astro.status ?? 1);
