/**
 * A team session of the team back-office (issue #20), run for real and photographed, for operators
 * and the closing note: `npx tsx scripts/team-demo.ts` (about five minutes, the first build included).
 *
 * Everything is the real thing, on this machine's loopback: an OpenID provider (oidc-provider,
 * configured as ProConnect: tests/helpers/oidc-provider.ts), a bare git repository as
 * CONTENT_REMOTE, a PUBLISH_DIR served by Debian's nginx with deploy/nginx.conf
 * (tests/helpers/nginx.ts), and `npm run backoffice` as a child process given the environment of
 * the README's table, nothing else. Chromium (playwright-core, /usr/bin/chromium) then plays,
 * at 1280 px and again at 390 px (each width its own défi):
 * 1. Camille (redaction) signs in at the provider, creates a défi in Decap and asks for review;
 * 2. her « Prêt » is refused: the French 403 Decap shows;
 * 3. Dominique (publication) signs in, sees it on the board, marks it ready and publishes;
 * 4. the page is in PUBLISH_DIR/current (served by nginx), the publication is in the bare
 *    repository, and the status bar says « Publié par Dominique … ».
 * Screenshots into TEAM_DEMO_DIR (default /tmp/team-session). Ports: TEAM_DEMO_PORT (the
 * back-office; +1 the provider, +2 nginx), else free ones. Nothing of the project is changed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort } from '../backoffice/server/stack.ts';
import { git } from '../backoffice/git/repo.ts';
import { slugify } from '../src/lib/content/slug.ts';
import { launchBrowser } from '../tests/helpers/browser.ts';
import { fillNewDefi } from '../tests/helpers/decap-ui.ts';
import { png } from '../tests/helpers/png.ts';
import { contentRemoteFixture } from '../tests/helpers/content-remote.ts';
import { startNginx, type LocalNginx } from '../tests/helpers/nginx.ts';
import { startProvider, type TestProvider } from '../tests/helpers/oidc-provider.ts';
import { PEOPLE } from '../tests/helpers/team-stack.ts';

const OUT = resolve(process.env['TEAM_DEMO_DIR'] || '/tmp/team-session');
const STEP_MS = 180_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `ok` until it gives a value (or throws after `ms`, naming `what`). */
async function until<T>(what: string, ok: () => T | undefined | false, ms = STEP_MS): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = ok();
    if (v) return v;
    if (Date.now() > end) throw new Error(`délai dépassé : ${what}`);
    await sleep(250);
  }
}

interface Demo { last?: Page; root: string; url: string; provider: TestProvider; publishDir: string; bare: string; browser: Browser; nginx: LocalNginx; log: string[] }

/** `npm run backoffice` with the README's environment; resolves once it listens. */
async function startBackoffice(env: Record<string, string>, log: string[]): Promise<ChildProcess> {
  // Its own process group, so that stopping it stops npm and the server (by this group's id only).
  const child = spawn('npm', ['run', '--silent', 'backoffice'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let listening = false;
  const take = (d: Buffer) => {
    for (const line of String(d).split('\n')) {
      if (!line.trim()) continue;
      log.push(line);
      if (line.startsWith('Back-office EIG :')) listening = true;
    }
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  await until('démarrage de npm run backoffice', () => {
    if (child.exitCode !== null) throw new Error(`npm run backoffice s’est arrêté :\n${log.join('\n')}`);
    return listening;
  }, 900_000);
  return child;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.pid) return Promise.resolve();
  const gone = new Promise<void>((ok) => child.once('exit', () => ok()));
  process.kill(-child.pid, 'SIGTERM');
  return Promise.race([gone, sleep(15_000)]).then(() => { if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL'); });
}

/** Two screenshots' worth of waiting: Decap's transitions, the toasts' slide-in. */
async function shot(page: Page, name: string, width: number): Promise<void> {
  await page.waitForTimeout(800);
  const file = join(OUT, `${name}-${width}.png`);
  await page.screenshot({ path: file });
  console.log(file);
}

/** A fresh browser profile signing in as `login` through the provider's own form, back in Decap. */
async function signIn(d: Demo, login: string, width: number, first: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await d.browser.newContext({ locale: 'fr-FR', viewport: { width, height: width < 600 ? 844 : 900 }, reducedMotion: 'reduce' });
  // The provider's dev pages import a web font: nothing leaves the machine.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.abort());
  const page = await context.newPage();
  d.last = page;
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${d.url}/admin/`, { waitUntil: 'domcontentloaded' });
  if (!page.url().startsWith(d.provider.issuer)) throw new Error(`pas de redirection vers le fournisseur : ${page.url()}`);
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('x');
  if (first) await shot(page, `01-fournisseur-${login}`, width);
  await page.locator('input[name=password]').press('Enter');
  await page.waitForURL(`${d.url}/admin/**`);
  const enter = page.getByRole('button', { name: 'Se connecter' });
  await enter.waitFor();
  if (first) await shot(page, `02-decap-se-connecter-${login}`, width);
  await enter.click();
  await page.getByRole('link', { name: 'Relecture et publication' }).first().waitFor(); // logged in: Decap's header
  return { context, page };
}

async function setStatus(page: Page, from: string, to: string): Promise<void> {
  await page.getByText(`Statut : ${from}`).click();
  await page.getByRole('menuitem', { name: to }).click();
}

/** The live build's page of `slug`, once PUBLISH_DIR/current has it with `title`. */
const liveHas = (publishDir: string, slug: string, title: string) => {
  const file = join(publishDir, 'current', 'defis', slug, 'index.html');
  return existsSync(file) && readFileSync(file, 'utf8').includes(title);
};

async function session(d: Demo, width: number, title: string): Promise<void> {
  const slug = slugify(title);
  const camille = await signIn(d, 'camille', width, true);
  const page = camille.page;
  await page.goto(`${d.url}/admin/#/collections/defis/new`);
  await fillNewDefi(page, title, 'Repérer les haies d’un territoire et suivre leur replantation, avec les données ouvertes des communes.');
  // Its pictogram, uploaded by Camille (redaction may upload): a plain PNG made here. (The
  // media library lists no existing image here, with npm start's stack too, on integ f95d3c4:
  // « Aucun média. » although getMedia answers the files.)
  await page.getByRole('button', { name: 'Choisir une image' }).first().click();
  const picto = join(d.root, `${slug}-pictogramme.png`);
  writeFileSync(picto, png(96, 96));
  await page.locator('input[type=file]').first().setInputFiles(picto);
  await page.getByText(`${slug}-pictogramme.png`).first().waitFor({ timeout: STEP_MS });
  await page.getByRole('button', { name: 'Choisir les éléments sélectionnés' }).click();
  await page.locator('[data-slate-editor="true"]').first().click();
  await page.keyboard.type('Le besoin, les données disponibles, ce que l’équipe va construire en dix mois.');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByText('Statut : Brouillon').waitFor({ timeout: STEP_MS });
  await page.locator('input[id^="title-field"]').scrollIntoViewIfNeeded();
  await shot(page, '03-camille-brouillon', width);
  await setStatus(page, 'Brouillon', 'En cours de révision');
  await page.getByText('Statut : En cours de révision').waitFor();
  await setStatus(page, 'En cours de révision', 'Prêt');
  await page.getByText(/votre rôle \(rédaction\) ne permet pas/).first().waitFor();
  await shot(page, '04-camille-refus-403', width);
  if (liveHas(d.publishDir, slug, title)) throw new Error('la page est en ligne avant toute publication');
  await camille.context.close();

  const dominique = await signIn(d, 'dominique', width, width === 1280);
  const p2 = dominique.page;
  await p2.goto(`${d.url}/admin/#/workflow`);
  await p2.getByText(title).first().waitFor();
  await shot(p2, '05-dominique-flux', width);
  await p2.goto(`${d.url}/admin/#/collections/defis/entries/${slug}`);
  await setStatus(p2, 'En cours de révision', 'Prêt');
  await p2.getByText('Statut : Prêt').waitFor();
  await p2.getByRole('button', { name: 'Publier' }).click();
  await p2.getByRole('menuitem', { name: 'Publier maintenant' }).click();
  await until('la page dans PUBLISH_DIR/current', () => liveHas(d.publishDir, slug, title));
  await until('la publication dans le dépôt distant', () => {
    try { return git(d.bare, ['show', `main:content/defis/${slug}.md`]).includes(title); } catch { return false; }
  });
  await p2.goto(`${d.url}/admin/#/collections/defis`);
  await p2.locator('#eig-status').filter({ hasText: 'Publié par Dominique' }).waitFor({ timeout: STEP_MS });
  await shot(p2, '06-dominique-publie-barre', width);
  await p2.goto(`${d.url}/admin/statut/`);
  await p2.getByRole('heading', { name: 'État du site' }).waitFor();
  await shot(p2, '07-statut', width);
  await p2.goto(`${d.nginx.baseUrl}/defis/${slug}/`);
  await p2.getByRole('heading', { level: 1, name: title }).waitFor();
  await shot(p2, '08-site-public-nginx', width);
  await dominique.context.close();
  const authors = git(d.bare, ['log', '--format=%an <%ae> · %s', '-3', 'main']);
  console.log(`Dépôt distant, ${title} :\n${authors}`);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const base = Number(process.env['TEAM_DEMO_PORT'] || 0);
  const port = base || await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The public site: nginx on PUBLISH_DIR/current, its own address (SITE_URL), as in production.
  const sitePort = base ? base + 2 : await freePort();
  const root = mkdtempSync(join(tmpdir(), 'eig-team-demo-'));
  const remote = contentRemoteFixture();
  const editors = join(root, 'editeurs.yml');
  writeFileSync(editors, PEOPLE.map((p) => `- email: ${p.email}\n  role: ${p.role}\n  name: ${p.given_name} ${p.usual_name}\n`).join(''));
  const clientSecret = randomBytes(24).toString('base64url');
  const provider = await startProvider({ ...(base ? { port: base + 1 } : {}), clientId: 'site-eig', clientSecret, backofficeUrl: url, accounts: [...PEOPLE] });
  const publishDir = join(root, 'srv-eig');
  mkdirSync(publishDir);
  const log: string[] = [];
  let child: ChildProcess | undefined;
  let nginx: LocalNginx | undefined;
  let browser: Browser | undefined;
  let demo: Demo | undefined;
  try {
    const t0 = Date.now();
    child = await startBackoffice({
      BACKOFFICE_URL: url, SITE_URL: `http://127.0.0.1:${sitePort}`, OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: 'site-eig', OIDC_CLIENT_SECRET: clientSecret,
      SESSION_SECRET: randomBytes(48).toString('base64'), EDITORS_FILE: editors, CONTENT_REMOTE: remote.bare, PUBLISH_DIR: publishDir,
      PORT: String(port), CMS_DATA_DIR: join(root, 'data'), ASTRO_TELEMETRY_DISABLED: '1',
    }, log);
    await until('le premier site en ligne (PUBLISH_DIR/current)', () => existsSync(join(publishDir, 'current', 'index.html')), 900_000);
    console.log(`Back-office prêt en ${Math.round((Date.now() - t0) / 1000)} s (${url}), site public dans ${publishDir}/current`);
    nginx = await startNginx(join(publishDir, 'current'), { port: sitePort });
    browser = await launchBrowser();
    demo = { root, url, provider, publishDir, bare: remote.bare, browser, nginx, log };
    await session(demo, 1280, 'Inventaire des haies');
    await session(demo, 390, 'Carte des jardins partagés');
    console.log(`Journal du serveur (fin) :\n${log.slice(-12).join('\n')}`);
    console.log(`Builds dans PUBLISH_DIR : ${readdirSync(join(publishDir, 'builds')).length}`);
  } catch (e) {
    await demo?.last?.screenshot({ path: join(OUT, 'echec.png') }).catch(() => undefined);
    console.error(`Journal du serveur :\n${log.slice(-40).join('\n')}`);
    throw e;
  } finally {
    await browser?.close();
    await nginx?.stop();
    if (child) await stop(child);
    await provider.close();
    remote.remove();
    rmSync(root, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e: unknown) => {
  console.error(`Session d’équipe interrompue : ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  process.exit(1);
});
