/**
 * PUBLISH_DIR through the real back-office (the embedded stack, as `npm start` runs it, with
 * `publishDir` and a deploy command as `npm run backoffice` passes them): a publication made
 * through decap-server's API is built, swapped in as PUBLISH_DIR/current with what nginx needs,
 * served by nginx (deploy/nginx.conf, root PUBLISH_DIR/current); the status says who published
 * what (the published commit's author, read from git) and that the deploy command failed.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startStack } from '../../backoffice/server/stack.ts';
import { git, publishedHead } from '../../backoffice/git/repo.ts';
import { saveAndPublish } from '../../backoffice/api/client.ts';
import { statusLine, type StatusView } from '../../backoffice/admin/status-text.ts';
import type { Stack, StackStatus } from '../../backoffice/types.ts';
import { ensureNginx, startNginx, type LocalNginx } from '../helpers/nginx.ts';

const BUILD_TIMEOUT = 600_000;
const install = ensureNginx();
const root = mkdtempSync(join(tmpdir(), 'eig-live-stack-'));
const publishDir = join(root, 'public');
const project = { contentDir: join(root, 'project', 'content'), mediaDir: join(root, 'project', 'media') };
let stack: Stack;
let nginx: LocalNginx | undefined;
const logs: string[] = [];

beforeAll(async () => {
  cpSync(resolve('content'), project.contentDir, { recursive: true });
  cpSync(resolve('media'), project.mediaDir, { recursive: true });
  const script = join(root, 'deploy.sh');
  writeFileSync(script, `#!/bin/sh\nprintf '%s' "$1" > '${join(root, 'deployed.txt')}'\necho "rclone: quota dépassé sur le stockage objet" >&2\nexit 4\n`);
  chmodSync(script, 0o755);
  stack = await startStack({
    dataDir: join(root, 'data'), source: project, port: 0, initialDist: inject('distDir'), log: (l) => logs.push(l), pollMs: 200,
    publishDir, deployCommand: script,
  });
  await stack.ready();
}, BUILD_TIMEOUT);

afterAll(async () => {
  await nginx?.stop();
  if (stack) { await stack.stop(); rmSync(stack.buildsDir, { recursive: true, force: true }); }
  rmSync(root, { recursive: true, force: true });
});

const status = async () => (await fetch(`${stack.url}/_status.json`)).json() as Promise<StackStatus>;

describe('PUBLISH_DIR and DEPLOY_COMMAND in the back-office', () => {
  it('publishes into PUBLISH_DIR/current (nginx files included), says who published what, and shows the deploy command’s failure', async () => {
    const path = 'content/defis/archives-vivantes.md';
    const raw = readFileSync(join(project.contentDir, 'defis', 'archives-vivantes.md'), 'utf8').replace('title: Archives vivantes', 'title: Archives vivantes et partagées');
    await saveAndPublish(`${stack.url}/api/v1`, { collection: 'defis', slug: 'archives-vivantes', path, raw });
    const head = publishedHead(stack.repoDir);
    await stack.waitForServed(head, BUILD_TIMEOUT);

    // The public folder: a link to a build of its own, with the CSP file and the precompressed copies.
    const target = resolve(publishDir, readlinkSync(join(publishDir, 'current')));
    expect(target.startsWith(join(publishDir, 'builds'))).toBe(true);
    for (const f of ['index.html', 'index.html.gz', 'nginx-csp.conf', join('defis', 'archives-vivantes', 'index.html.gz')]) expect([f, existsSync(join(target, f))]).toEqual([f, true]);
    expect(readdirSync(join(target, '_astro')).some((f) => f.endsWith('.css.br'))).toBe(true);
    if (install.ok) {
      nginx = await startNginx(join(publishDir, 'current'));
      const page = await fetch(`${nginx.baseUrl}/defis/archives-vivantes/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Archives vivantes et partagées');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    }

    // Who published what and when: the published commit's author, from git.
    const author = git(stack.repoDir, ['log', '-1', '--format=%an', head]);
    const s = await status();
    expect(s.publication).toMatchObject({ commit: head, author: { name: author }, entries: [{ kind: 'Défi', title: 'Archives vivantes et partagées', change: 'modified', admin: '/admin/#/collections/defis/entries/archives-vivantes' }], more: 0 });

    // The deploy command got the new build's folder, failed, and the status says so in French.
    let last = s;
    for (let i = 0; i < 200 && last.live?.deploy?.state !== 'failed'; i++) { await new Promise((r) => setTimeout(r, 50)); last = await status(); }
    expect(readFileSync(join(root, 'deployed.txt'), 'utf8')).toBe(target);
    expect(last.live).toMatchObject({ commit: head, dir: target, deploy: { state: 'failed', code: 4, stderr: 'rclone: quota dépassé sur le stockage objet' } });
    const line = statusLine(last as StatusView);
    expect(line.tone).toBe('error');
    expect(line.text.replace(/[\u00a0\u202f]/g, ' ')).toMatch(/^Échec du déploiement à .+ \(code de sortie 4\) : rclone: quota dépassé sur le stockage objet\. /);
    const page = await (await fetch(`${stack.url}/admin/statut/`)).text();
    expect(page).toContain('Dernière publication');
    expect(page).toContain(`Publié par <strong>${author}</strong>`);
    expect(page).toContain('Défi « Archives vivantes et partagées »</a> (modifié)');
    expect(page).toContain('code de sortie 4');
    expect(logs.join('\n')).toContain('ÉCHEC du déploiement');
  }, BUILD_TIMEOUT);
});
