/**
 * `npm start`: builds the site, then serves dist/ on http://127.0.0.1:$PORT (default 4321).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { staticServer } from './lib/static-server.ts';

const port = Number(process.env['PORT'] || 4321);
const built = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { stdio: 'inherit', env: process.env });
if (built.status !== 0) process.exit(built.status ?? 1);
const dist = resolve('dist');
const server = staticServer(() => dist);
server.listen(port, '127.0.0.1', () => {
  console.log(`\nSite EIG : http://127.0.0.1:${port}/`);
});
