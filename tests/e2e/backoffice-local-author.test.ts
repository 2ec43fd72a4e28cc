/**
 * `npm start` names its author where an author is shown (issue #21 item 4: « in npm start the
 * author is the machine's git identity or « Éditeur local » »), end to end: the real
 * `scripts/start.ts` (what `npm start` execs) spawned with HOME pointing to a folder of the test
 * and GIT_CONFIG_NOSYSTEM=1, once with no git identity at all, once with one in that HOME's
 * .gitconfig; a défi saved, marked « Prêt » and published through the API; then the commit, the
 * status (/_status.json, the status bar's sentence, /admin/statut/) and the history pages
 * (/admin/historique/) name that author.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../backoffice/server/stack.ts';
import { git, publishedHead } from '../../backoffice/git/repo.ts';
import { saveAndPublish } from '../../backoffice/api/client.ts';
import { statusLine, type StatusView } from '../../backoffice/admin/status-text.ts';
import type { StackStatus } from '../../backoffice/types.ts';

const BUILD_TIMEOUT = 600_000;
const tmp = mkdtempSync(join(tmpdir(), 'eig-auteur-local-'));
const cleanups: (() => Promise<void> | void)[] = [() => rmSync(tmp, { recursive: true, force: true })];
afterAll(async () => { for (const c of cleanups.reverse()) await c(); });

const brigade = readFileSync('content/defis/brigade-numérique.md', 'utf8');

/** `npm start` in a HOME of its own; resolves once its site is served. */
async function npmStart(name: string, gitconfig: string | undefined) {
  const home = join(tmp, name, 'home');
  mkdirSync(home, { recursive: true });
  if (gitconfig !== undefined) writeFileSync(join(home, '.gitconfig'), gitconfig);
  const dataDir = join(tmp, name, 'data');
  const port = await freePort();
  const out: string[] = [];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: resolve('.'), stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CONFIG_HOME: join(home, '.config'), GIT_CONFIG_NOSYSTEM: '1', PORT: String(port), CMS_DATA_DIR: dataDir, ASTRO_TELEMETRY_DISABLED: '1', TMPDIR: tmpdir() },
  });
  child.stdout!.on('data', (d: Buffer) => out.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => out.push(d.toString()));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  cleanups.push(async () => {
    child.kill('SIGTERM');
    await exited;
    // Its builds: under the project's .data/ (server/stack.ts, a data folder outside the project).
    rmSync(join(resolve('.'), '.data', `builds-${createHash('sha1').update(dataDir).digest('hex').slice(0, 10)}`), { recursive: true, force: true });
  });
  const url = `http://127.0.0.1:${port}`;
  const status = async () => (await (await fetch(`${url}/_status.json`)).json()) as StackStatus & StatusView;
  const end = Date.now() + BUILD_TIMEOUT;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start arrêté :\n${out.join('')}`);
    const s = await status().catch(() => undefined);
    if (s?.state === 'ready' && s.served === s.published) break;
    if (Date.now() > end) throw new Error(`npm start pas prêt :\n${out.join('')}`);
    await new Promise((ok) => setTimeout(ok, 250));
  }
  return { url, repoDir: join(dataDir, 'cms-repo'), status, out };
}

describe.each([
  { name: 'sans-identite', gitconfig: undefined, author: 'Éditeur local', email: 'editeur.local@eig.invalid' },
  { name: 'avec-identite', gitconfig: '[user]\n\tname = Camille Martin\n\temail = camille.martin@exemple.fr\n', author: 'Camille Martin', email: 'camille.martin@exemple.fr' },
])('npm start, $name', ({ name, gitconfig, author, email }) => {
  it(`names « ${author} » in the commits, the status and the history`, async () => {
    const s = await npmStart(name, gitconfig);
    const slug = 'defi-auteur-local';
    const title = `Défi de ${author}`;
    await saveAndPublish(`${s.url}/api/v1`, { collection: 'defis', slug, path: `content/defis/${slug}.md`, raw: brigade.replace(/^title: .*$/m, `title: ${title}`) });
    const head = publishedHead(s.repoDir);
    expect(git(s.repoDir, ['log', '-1', '--format=%an <%ae>', head])).toBe(`${author} <${email}>`);
    const end = Date.now() + BUILD_TIMEOUT;
    let st = await s.status();
    while (!(st.served === head && st.state === 'ready')) {
      if (Date.now() > end) throw new Error(`publication non servie :\n${s.out.join('')}`);
      await new Promise((ok) => setTimeout(ok, 250));
      st = await s.status();
    }
    expect(st.publication?.author).toEqual({ name: author, email });
    expect(statusLine(st).text.replace(/[\u00a0\u202f]/g, ' ')).toMatch(new RegExp(`^Publié par ${author} (à|le) .*Défi « ${title} »`));
    expect(await (await fetch(`${s.url}/admin/statut/`)).text()).toContain(`Publié par <strong>${author}</strong>`);
    const history = await (await fetch(`${s.url}/admin/historique/?collection=defis&slug=${slug}`)).text();
    expect(history).toContain(`Par ${author}`);
    expect(history).not.toContain('Back-office EIG');
    expect(await (await fetch(`${s.url}/admin/historique/`)).text()).toMatch(new RegExp(`le [^<]+ par ${author}</p>`));
  }, BUILD_TIMEOUT * 2);
});
