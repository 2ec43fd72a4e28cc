/**
 * `npm run backoffice`: the editorial server of `npm start` (backoffice/server/stack.ts) for a
 * team, behind a TLS reverse proxy (deploy/nginx-backoffice.conf): sign-in with OpenID Connect
 * (ProConnect or any standard provider), roles from EDITORS_FILE, commits authored by each
 * person, an access journal. Configured by environment (README « Back-office en équipe »);
 * a missing or unsafe variable stops it with one French line (backoffice/team/config.ts).
 */
import { join, resolve } from 'node:path';
import { siteConfig } from '../src/lib/site-env.ts';
import { startStack } from '../backoffice/server/stack.ts';
import { stopOnSignals } from '../backoffice/server/signals.ts';
import { teamConfig } from '../backoffice/team/config.ts';
import { readEditors } from '../backoffice/team/editors.ts';
import { teamGate } from '../backoffice/team/gate.ts';
import { recordPublishers } from '../backoffice/team/author.ts';
import { journal } from '../backoffice/team/journal.ts';
import { journalPublications } from '../backoffice/team/publications.ts';
import { oidcClient } from '../backoffice/team/oidc.ts';
import { contentRemote, shownUrl } from '../backoffice/git/remote.ts';
import type { Stack } from '../backoffice/types.ts';

const parsed = teamConfig(process.env);
if (!parsed.ok) {
  console.error(parsed.error);
  process.exit(1);
}
const config = parsed.config;
const editors = readEditors(config.editorsFile);
if (!editors.ok) {
  console.error(`Back-office non démarré : ${editors.error}.`);
  process.exit(1);
}
// Previews and publications render with the public site's address.
process.env['SITE_URL'] = config.siteUrl;
const { contentDir, mediaDir } = siteConfig();
const log = (l: string) => console.log(l);
const access = journal(join(config.dataDir, 'journal.jsonl'));
let stack: Stack;
try {
  stack = await startStack({
    dataDir: config.dataDir,
    source: { contentDir: resolve(contentDir), mediaDir: resolve(mediaDir) },
    port: config.port,
    log,
    publishDir: config.publishDir,
    deployCommand: config.deployCommand,
    authenticate: teamGate({ config, oidc: oidcClient(config), journal: access, log }),
    // CONTENT_REMOTE: the repository is a clone of it, publications are pushed (backoffice/git/sync.ts).
    remote: contentRemote(config.content),
    // Every publication in the journal: an editor's, a scheduled one, the remote's (and their refusals).
    onPublished: journalPublications(access),
  });
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
recordPublishers(stack.repoDir);
console.log(`\nBack-office EIG : ${config.backofficeUrl.origin}/admin/   (connexion ${config.oidc.issuer.host}, ${editors.editors.people.length} éditeur(s))`);
console.log(`Écoute          : ${stack.url} (derrière le serveur mandataire TLS)`);
if (config.publishDir) console.log(`Site public     : ${join(config.publishDir, 'current')} (lien remplacé à chaque publication)${config.deployCommand ? `, puis ${config.deployCommand}` : ''}`);
if (config.content.remote) console.log(`Dépôt distant   : ${shownUrl(config.content.remote)} (branche ${config.content.branch})`);
console.log(`Journal         : ${access.file}\n`);

stopOnSignals(stack);
