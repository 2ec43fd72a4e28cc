/**
 * `npm run cms:export`: copies what editors published in the back-office (the published branch
 * of .data/cms-repo) into the project's content/ and media/, so it can be reviewed and committed
 * to the project's repository like any change. Only files changed by publications since the last
 * export are written or deleted. CMS_DATA_DIR, CONTENT_DIR and MEDIA_DIR are honoured.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { siteConfig } from '../src/lib/site-env.ts';
import { exportPublished } from '../backoffice/git/repo.ts';

const repoDir = join(resolve(process.env['CMS_DATA_DIR'] || '.data'), 'cms-repo');
if (!existsSync(join(repoDir, '.git'))) {
  console.error(`Aucun dépôt du back-office dans ${repoDir} : lancez d’abord npm start.`);
  process.exit(1);
}
const { contentDir, mediaDir } = siteConfig();
const r = exportPublished(repoDir, { contentDir, mediaDir });
const where = (p: string) => relative(process.cwd(), p.startsWith('media/') ? join(mediaDir, p.slice(6)) : join(contentDir, p.slice(8)));
for (const p of r.written) console.log(`écrit     ${where(p)}`);
for (const p of r.deleted) console.log(`supprimé  ${where(p)}`);
console.log(r.from === r.to
  ? 'Rien de nouveau publié depuis le dernier export.'
  : `${r.written.length} fichier(s) écrit(s), ${r.deleted.length} supprimé(s) (publications ${r.from.slice(0, 8)}..${r.to.slice(0, 8)}). Relisez avec git diff puis commitez.`);
