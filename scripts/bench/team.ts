/**
 * Benchmark (figures, not a test) of the team back-office (`npm run backoffice`, issue #20):
 * sign-in time through a real OpenID provider (oidc-provider on loopback, the tests' one: the
 * login redirect, the provider's form, the callback with its token and JWT userinfo checks), and
 * publish → live (median of `runs`) through the team gate, next to the same publications on
 * `npm start`'s stack (no gate) in the same run, and on a content remote (CONTENT_REMOTE, a bare
 * repository on this machine): publish → live and publish → pushed (the remote has the commit).
 *
 *   npx tsx scripts/bench/team.ts [runs=5]
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startStack } from '../../backoffice/server/stack.ts';
import { Jar } from '../../tests/helpers/oidc-provider.ts';
import { startTeamStack } from '../../tests/helpers/team-stack.ts';
import { contentRemoteFixture } from '../../tests/helpers/content-remote.ts';
import { publishedHead } from '../../backoffice/git/repo.ts';

const runs = Number(process.argv[2] || 5);
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
const program = readFileSync(resolve('content/program.md'), 'utf8');

/** Draft → review → ready → publish, then /programme/ polled until the number shows (and `pushed()`, when given): ms. */
async function publishLatency(url: string, jar: Jar, n: number, pushed?: { done: () => boolean; ms: number[] }): Promise<number> {
  const call = async (action: string, params: Record<string, unknown>) => {
    const res = await jar.fetch(`${url}/api/v1`, { method: 'POST', headers: { origin: url, 'content-type': 'application/json' }, body: JSON.stringify({ action, params: { branch: 'main', ...params } }) });
    if (!res.ok) throw new Error(`${action} : ${res.status} ${await res.text()}`);
  };
  const num = String(9000 + n);
  await call('persistEntry', { entry: { slug: 'program', path: 'content/program.md', raw: program.replace('num: "173"', `num: "${num}"`) }, assets: [], options: { collectionName: 'pages', commitMessage: 'bench', useWorkflow: true, status: 'draft' } });
  await call('updateUnpublishedEntryStatus', { collection: 'pages', slug: 'program', newStatus: 'pending_review' });
  await call('updateUnpublishedEntryStatus', { collection: 'pages', slug: 'program', newStatus: 'pending_publish' });
  const t0 = performance.now();
  await call('publishUnpublishedEntry', { collection: 'pages', slug: 'program' });
  let live: number | undefined;
  for (;;) {
    if (pushed && pushed.ms.length <= n % 100 && pushed.done()) pushed.ms.push(performance.now() - t0);
    const html = live === undefined ? await (await jar.fetch(`${url}/programme/`)).text() : '';
    if (live === undefined && new RegExp(`>\\s*${num}\\s*<`).test(html)) live = performance.now() - t0;
    if (live !== undefined && (!pushed || pushed.ms.length > n % 100)) return live;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const team = await startTeamStack(undefined);
const signIns: number[] = [];
let jar = new Jar();
for (let i = 0; i < runs; i++) {
  jar = new Jar();
  const t0 = performance.now();
  await jar.walk(`${team.url}/auth/login`, 'dominique');
  signIns.push(performance.now() - t0);
}
await team.stack.waitForServed(team.stack.status().published);
const teamPublish: number[] = [];
for (let i = 0; i < runs; i++) teamPublish.push(await publishLatency(team.url, jar, i));
await team.close();

// The same on a content remote: each publication pushed to a bare repository.
const fixture = contentRemoteFixture();
const withRemote = await startTeamStack(undefined, { remote: fixture.bare });
const remoteJar = new Jar();
await remoteJar.walk(`${withRemote.url}/auth/login`, 'dominique');
await withRemote.stack.waitForServed(withRemote.stack.status().published);
const remoteLive: number[] = [];
const remotePushed = { ms: [] as number[], done: () => fixture.head() === publishedHead(withRemote.stack.repoDir) };
for (let i = 0; i < runs; i++) remoteLive.push(await publishLatency(withRemote.url, remoteJar, 200 + i, remotePushed));
await withRemote.close();
fixture.remove();

const root = mkdtempSync(join(tmpdir(), 'eig-bench-team-'));
cpSync(resolve('content'), join(root, 'content'), { recursive: true });
cpSync(resolve('media'), join(root, 'media'), { recursive: true });
const plain = await startStack({ dataDir: join(root, 'data'), source: { contentDir: join(root, 'content'), mediaDir: join(root, 'media') }, port: 0, log: () => {} });
await plain.ready();
await plain.waitForServed(plain.status().published);
const plainPublish: number[] = [];
for (let i = 0; i < runs; i++) plainPublish.push(await publishLatency(plain.url, new Jar(), 100 + i));
await plain.stop();
rmSync(root, { recursive: true, force: true });
rmSync(plain.buildsDir, { recursive: true, force: true });

const ms = (xs: number[]) => `${Math.round(median(xs))} ms (${xs.map((x) => Math.round(x)).join(', ')})`;
console.log(`Connexion (redirection, formulaire du fournisseur, retour, jetons, userinfo JWT), médiane de ${runs} : ${ms(signIns)}`);
console.log(`Publication → en ligne, npm run backoffice : ${ms(teamPublish)}`);
console.log(`Publication → en ligne, npm start          : ${ms(plainPublish)}`);
console.log(`Publication → en ligne, dépôt distant       : ${ms(remoteLive)}`);
console.log(`Publication → envoyée au dépôt distant      : ${ms(remotePushed.ms)}`);
