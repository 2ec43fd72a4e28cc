/**
 * Publications of the embedded back-office go through the in-process publisher
 * (backoffice/publish/publisher.ts, wired into backoffice/server/stack.ts), for real: the stack on a
 * copy of the demo, the API as Decap calls it, the public pages fetched over HTTP.
 * - a publication goes live without any build process (the processes this one starts are
 *   watched while it builds), and the next one renders only what changed: unchanged pages of
 *   the new build are hard links to the previous build's files (same inode);
 * - a publication whose content fails the checks keeps the previous site online and says why
 *   (file:line: field in the status, the entry and field label on /admin/statut/); the next
 *   valid publication goes live.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startTestStack, type TestStack } from '../helpers/stack.ts';
import { publishedHead } from '../../backoffice/git/repo.ts';
import { saveAndPublish } from '../../backoffice/api/client.ts';

const BUILD_TIMEOUT = 600_000;
let t: TestStack;
const brigade = readFileSync('content/defis/brigade-numérique.md', 'utf8');
const defi = (title: string, date = '2025-10-01') => ({
  collection: 'defis', slug: 'brigade-numérique', path: 'content/defis/brigade-numérique.md',
  raw: brigade.replace(/^title: .*$/m, `title: ${title}`).replace('date: 2025-10-01', `date: ${date}`),
});

beforeAll(async () => {
  // No publication guard (hooks: {}): the invalid publication below must reach the publisher.
  t = await startTestStack(inject('distDir'), { hooks: {} });
}, BUILD_TIMEOUT);

afterAll(async () => {
  await t?.close();
});

/** Command lines of every process descending from this one (the stack runs in this process). */
function descendants(): string[] {
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch { /* ended meanwhile */ }
  }
  const out: string[] = [];
  const stack = [...(children.get(process.pid) ?? [])];
  while (stack.length) {
    const pid = stack.pop()!;
    try { out.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim()); } catch { /* ended */ }
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Publishes `entry` and waits until the site serves it, noting every process started meanwhile. */
async function publishWatching(entry: ReturnType<typeof defi>): Promise<{ commit: string; processes: Set<string> }> {
  const processes = new Set<string>();
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      for (const c of descendants()) processes.add(c);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    await saveAndPublish(`${t.stack.url}/api/v1`, entry);
    const commit = publishedHead(t.stack.repoDir);
    await t.stack.waitForServed(commit, BUILD_TIMEOUT);
    return { commit, processes };
  } finally {
    watching = false;
    await watcher;
  }
}

const page = async (path: string) => {
  const res = await fetch(`${t.stack.url}${path}`);
  return { status: res.status, html: await res.text() };
};
const inode = (dir: string, file: string) => statSync(join(dir, file)).ino;

describe('publication par le moteur de rendu du serveur', () => {
  it('goes live without a build process, then renders only what changed', async () => {
    const first = await publishWatching(defi('Brigade numérique rebaptisée'));
    expect((await page('/defis/brigade-numerique/')).html).toContain('Brigade numérique rebaptisée');
    expect((await page('/defis/')).html).toContain('Brigade numérique rebaptisée');
    // The watcher did see this process's children (git, Pagefind's service), none of them a build.
    expect(first.processes.size).toBeGreaterThan(0);
    expect([...first.processes].filter((c) => /scripts\/build\.ts|astro\.js|\bnpm\b/.test(c))).toEqual([]);
    const one = t.stack.status();
    expect(one.lastPublication?.commit).toBe(first.commit);
    expect(one.lastPublication?.pid).toBe(process.pid);
    const firstDir = one.servedDir!;

    const second = await publishWatching(defi('Brigade numérique, deuxième nom'));
    expect((await page('/defis/brigade-numerique/')).html).toContain('Brigade numérique, deuxième nom');
    expect([...second.processes].filter((c) => /scripts\/build\.ts|astro\.js|\bnpm\b/.test(c))).toEqual([]);
    const two = t.stack.status();
    const p = two.lastPublication!;
    expect(p.commit).toBe(second.commit);
    expect(p.incremental).toBe(true);
    expect(p.linked).toBeGreaterThan(0);
    expect(p.rendered).toBeLessThan(p.pages);
    // On disk: the changed page is a new file, an unrelated défi's page the previous build's file.
    const secondDir = two.servedDir!;
    expect(secondDir).not.toBe(firstDir);
    expect(inode(secondDir, 'defis/brigade-numerique/index.html')).not.toBe(inode(firstDir, 'defis/brigade-numerique/index.html'));
    expect(inode(secondDir, 'defis/archives-vivantes/index.html')).toBe(inode(firstDir, 'defis/archives-vivantes/index.html'));
    // Phases are measured (the benchmark reports them).
    expect(Object.keys(p.ms)).toEqual(expect.arrayContaining(['checkout', 'check', 'routes', 'search', 'total']));
  }, BUILD_TIMEOUT);

  it('keeps the previous site online and shows the error when a publication fails its checks', async () => {
    const served = t.stack.status().served;
    await saveAndPublish(`${t.stack.url}/api/v1`, defi('Brigade numérique invalide', '1907-10-01'));
    const bad = publishedHead(t.stack.repoDir);
    await expect(t.stack.waitForServed(bad, BUILD_TIMEOUT)).rejects.toThrow(/construction échouée : Défi « Brigade numérique invalide », champ « Date de publication » : date hors de la période admise/);
    const status = t.stack.status();
    // The problem as data (no text parsed back): file, line, field path and label.
    expect(status.error?.problems).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'content/defis/brigade-numérique.md', line: expect.any(Number), field: { path: 'date', label: 'Date de publication' }, severity: 'error' })]));
    expect(status.state).toBe('failed');
    expect(status.served).toBe(served);
    expect(status.error?.commit).toBe(bad);
    // Still the previous version online.
    const online = await page('/defis/brigade-numerique/');
    expect(online.status).toBe(200);
    expect(online.html).toContain('Brigade numérique, deuxième nom');
    expect(online.html).not.toContain('Brigade numérique invalide');
    // The editor's status page names the entry and the field by its label.
    const statut = await page('/admin/statut/');
    expect(statut.html).toContain('Échec de la mise en ligne');
    expect(statut.html).toMatch(/Brigade numérique invalide|Brigade numérique/);
    expect(statut.html).toContain('Date de publication');
    expect(statut.html).toMatch(/content\/defis\/brigade-numérique\.md:\d+/);

    // Fixed and published again: online, the failure cleared.
    const fixed = await publishWatching(defi('Brigade numérique corrigée'));
    expect((await page('/defis/brigade-numerique/')).html).toContain('Brigade numérique corrigée');
    expect(t.stack.status().state).toBe('ready');
    expect(t.stack.status().error).toBeUndefined();
    expect(t.stack.status().served).toBe(fixed.commit);
  }, BUILD_TIMEOUT);
});
