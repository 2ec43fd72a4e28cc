/**
 * `npm start`: the site and its back-office on http://127.0.0.1:$PORT (default 4321).
 * - /        the site, built from the PUBLISHED content only, rebuilt after each publish;
 * - /admin/  Decap CMS, editorial workflow, on a dedicated git repository (.data/cms-repo,
 *            made from content/ and media/ on first run); decap-server runs in this process
 *            behind the gate (backoffice/gate/gate.ts): no other port listens;
 * - /admin/statut/  state of the last rebuild, with the content errors if it failed.
 * One process tree: SIGTERM or SIGINT stops the server and any build in progress; a build
 * whose parent died stops by itself. CMS_DATA_DIR moves the data folder. `npm run cms:export`
 * copies published changes back into content/ and media/. See README "Back-office".
 */
import { resolve } from 'node:path';
import { siteConfig } from '../src/lib/site-env.ts';
import { startStack } from '../backoffice/server/stack.ts';
import { stopOnSignals } from '../backoffice/server/signals.ts';
import type { Stack } from '../backoffice/types.ts';

const { contentDir, mediaDir } = siteConfig();
let stack: Stack;
try {
  stack = await startStack({
    dataDir: resolve(process.env['CMS_DATA_DIR'] || '.data'),
    source: { contentDir, mediaDir },
    port: Number(process.env['PORT'] || 4321),
  });
} catch (e) {
  // One line in French, no stack trace: the port is taken, the repository cannot be made…
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
console.log(`\nSite EIG        : ${stack.url}/`);
console.log(`Back-office     : ${stack.url}/admin/   (sans authentification : accessible depuis cette machine seulement)`);
console.log(`État du site    : ${stack.url}/admin/statut/`);
console.log(`Dépôt éditorial : ${stack.repoDir}\n`);

const stop = stopOnSignals(stack);
// `npm start` execs this process (package.json), so npm's signals reach it; if npm itself is
// killed without a chance to forward them (SIGKILL), this process is re-parented: stop too.
const parent = process.ppid;
setInterval(() => { if (process.ppid !== parent) stop(); }, 1000).unref();
