/**
 * `npm start`: the site and its back-office on http://127.0.0.1:$PORT (default 4321).
 * - /        the site, built from the PUBLISHED content only, rebuilt after each publish;
 * - /admin/  Decap CMS, editorial workflow, on a dedicated git repository (.data/cms-repo,
 *            made from content/ and media/ on first run) served by decap-server (127.0.0.1 only);
 * - /admin/statut/  state of the last rebuild, with the content errors if it failed.
 * CMS_DATA_DIR moves the data folder. `npm run cms:export` copies published changes back into
 * content/ and media/. See README "Back-office".
 */
import { resolve } from 'node:path';
import { siteConfig } from '../src/lib/config.ts';
import { startStack } from './lib/cms-stack.ts';

const { contentDir, mediaDir } = siteConfig();
const stack = await startStack({
  dataDir: resolve(process.env['CMS_DATA_DIR'] || '.data'),
  source: { contentDir, mediaDir },
  port: Number(process.env['PORT'] || 4321),
});
console.log(`\nSite EIG        : ${stack.url}/`);
console.log(`Back-office     : ${stack.url}/admin/   (sans authentification : accessible depuis cette machine seulement)`);
console.log(`État du site    : ${stack.url}/admin/statut/`);
console.log(`Dépôt éditorial : ${stack.repoDir}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
