/**
 * The team back-office on a free loopback port (the embedded stack + backoffice/team/), on a
 * temporary copy of the demo content, with a real oidc-provider (oidc-provider.ts) and an
 * editors file of three fictional people, one per role. `skew` moves the sessions' clock.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startStack, freePort } from '../../backoffice/server/stack.ts';
import { teamConfig } from '../../backoffice/team/config.ts';
import { teamGate } from '../../backoffice/team/gate.ts';
import { journal, type Journal } from '../../backoffice/team/journal.ts';
import { journalPublications } from '../../backoffice/team/publications.ts';
import { oidcClient } from '../../backoffice/team/oidc.ts';
import { recordPublishers } from '../../backoffice/team/author.ts';
import { contentRemote } from '../../backoffice/git/remote.ts';
import type { Stack } from '../../backoffice/types.ts';
import { startProvider, type TestProvider } from './oidc-provider.ts';

export const PEOPLE = [
  { login: 'camille', email: 'camille.redaction@exemple.gouv.fr', given_name: 'Camille', usual_name: 'Rédaction', role: 'redaction' },
  { login: 'dominique', email: 'dominique.publication@exemple.gouv.fr', given_name: 'Dominique', usual_name: 'Publication', role: 'publication' },
  { login: 'alex', email: 'alex.admin@exemple.gouv.fr', given_name: 'Alex', usual_name: 'Administration', role: 'administration' },
] as const;

export interface TeamStack { url: string; stack: Stack; provider: TestProvider; access: Journal; logs: string[]; clock: { skew: number }; close(): Promise<void> }

/**
 * `remote`: CONTENT_REMOTE (a bare repository of the test), fetched every `fetchMs` (tests
 * trigger exchanges on demand instead: the default here is an hour).
 */
export async function startTeamStack(initialDist: string | undefined, o: { port?: number; backofficeUrl?: string; remote?: string; fetchMs?: number; now?: () => Date; scheduleMs?: number } = {}): Promise<TeamStack> {
  const root = mkdtempSync(join(tmpdir(), 'eig-team-'));
  cpSync(resolve('content'), join(root, 'project', 'content'), { recursive: true });
  cpSync(resolve('media'), join(root, 'project', 'media'), { recursive: true });
  writeFileSync(join(root, 'editeurs.yml'), PEOPLE.map((p) => `- email: ${p.email}\n  role: ${p.role}\n  name: ${p.given_name} ${p.usual_name}\n`).join(''));
  const port = o.port ?? await freePort();
  const url = o.backofficeUrl ?? `http://127.0.0.1:${port}`;
  const provider = await startProvider({ clientId: 'site-eig', clientSecret: 'secret-du-client-de-test', backofficeUrl: url, accounts: [...PEOPLE] });
  const parsed = teamConfig({
    BACKOFFICE_URL: url, SITE_URL: url, OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: 'site-eig', OIDC_CLIENT_SECRET: 'secret-du-client-de-test',
    SESSION_SECRET: 'une-clef-de-session-de-test-de-plus-de-32-octets', EDITORS_FILE: join(root, 'editeurs.yml'), CMS_DATA_DIR: join(root, 'data'), PORT: String(port),
    ...(o.remote ? { CONTENT_REMOTE: o.remote } : {}),
  });
  if (!parsed.ok) throw new Error(parsed.error);
  const config = parsed.config;
  const access = journal(join(config.dataDir, 'journal.jsonl'));
  const logs: string[] = [];
  const clock = { skew: 0 };
  const stack = await startStack({
    dataDir: config.dataDir, source: { contentDir: join(root, 'project', 'content'), mediaDir: join(root, 'project', 'media') },
    port, initialDist, log: (l) => logs.push(l),
    remote: contentRemote(config.content) && { ...contentRemote(config.content)!, fetchMs: o.fetchMs ?? 3600_000 },
    authenticate: teamGate({ config, oidc: oidcClient(config), journal: access, log: (l) => logs.push(l), times: { idleMs: 3600_000, absoluteMs: 8 * 3600_000 }, now: () => Date.now() + clock.skew }),
    onPublished: journalPublications(access), now: o.now, scheduleMs: o.scheduleMs,
  });
  recordPublishers(stack.repoDir);
  await stack.ready();
  return {
    url, stack, provider, access, logs, clock,
    async close() {
      await stack.stop();
      await provider.close();
      rmSync(root, { recursive: true, force: true });
      rmSync(stack.buildsDir, { recursive: true, force: true });
    },
  };
}
