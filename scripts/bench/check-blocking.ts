/**
 * `npx tsx scripts/bench/check-blocking.ts [content-dir] [media-dir]` (default: the demo content;
 * the imported corpus is the real case): how long the back-office server's event loop is blocked
 * during publications (issue #17), on the real stack (backoffice/server/stack.ts, in this process).
 *
 * For each phase it prints the call's duration, the longest stall of the event loop (a 10 ms
 * timer's lateness: what every request waits, GET / included) and the GET / probes answered
 * meanwhile (one after another) with the slowest. Phases: the guard's check of a publication
 * (first after the start, then a second), the rebuild that follows; the same for an entry at the
 * limits of src/lib/content/limits.ts (front matter ≈ 185 Ko, 1,990 keys); the save of a
 * 40,000-key front matter (refused), and its publication from a branch pushed as is (refused).
 * A benchmark, not a test: it never fails on a figure.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startStack } from '../../backoffice/server/stack.ts';
import { git, publishedHead } from '../../backoffice/git/repo.ts';
import { treeWith } from '../../backoffice/git/tree.ts';
import { api, saveDraft, setStatus, type ApiEntry } from '../../backoffice/api/client.ts';

const contentDir = resolve(process.argv[2] ?? 'content');
const mediaDir = resolve(process.argv[3] ?? 'media');
const root = mkdtempSync(join(tmpdir(), 'eig-bench-blocking-'));
const project = { contentDir: join(root, 'project', 'content'), mediaDir: join(root, 'project', 'media') };
cpSync(contentDir, project.contentDir, { recursive: true });
cpSync(mediaDir, project.mediaDir, { recursive: true });

// The event loop's stalls: a 10 ms timer that comes late was blocked that long.
let last = performance.now();
let stall = 0;
const ticker = setInterval(() => { const now = performance.now(); stall = Math.max(stall, now - last - 10); last = now; }, 10);

const logs: string[] = [];
const stack = await startStack({ dataDir: join(root, 'data'), source: project, port: 0, log: (l) => logs.push(l) });
const apiUrl = `${stack.url}/api/v1`;
const refusal = (p: Promise<unknown>) => p.then(() => 'acceptée', (e: Error) => e.message.slice(0, 160));

async function phase(label: string, run: () => Promise<string | void>) {
  let done = false;
  const probes: number[] = [];
  const probing = (async () => {
    while (!done) {
      const t = performance.now();
      await (await fetch(`${stack.url}/`)).arrayBuffer();
      if (!done) probes.push(performance.now() - t);
    }
  })();
  stall = 0;
  last = performance.now();
  const t = performance.now();
  const note = await run();
  const ms = performance.now() - t;
  const worst = stall;
  done = true;
  await probing;
  console.log(`  ${label.padEnd(58)} ${ms.toFixed(0).padStart(6)} ms ; boucle bloquée ${worst.toFixed(0).padStart(5)} ms au plus ; GET / : ${probes.length} réponse(s), la plus lente ${probes.length ? Math.max(...probes).toFixed(0) : '-'} ms${note ? ` (${note})` : ''}`);
}

try {
  await stack.ready();
  await stack.waitForServed(publishedHead(stack.repoDir), 900_000);
  const files = readdirSync(join(project.contentDir, 'defis')).filter((f) => f.endsWith('.md') && f !== '_index.md');
  const entryOf = (file: string, edit: (raw: string) => string): ApiEntry => ({
    collection: 'defis', slug: file.replace(/\.md$/, ''), path: `content/defis/${file}`,
    raw: edit(readFileSync(join(project.contentDir, 'defis', file), 'utf8')),
  });
  const withKeys = (raw: string, n: number, value: string) => raw.replace(/^---\n/, `---\n${Array.from({ length: n }, (_, i) => `cle${i}: ${value}`).join('\n')}\n`);
  console.log(`Contenu : ${contentDir} (${files.length} défis), ${cpus().length} cœur(s), charge ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

  const publishing = async (e: ApiEntry, label: string) => {
    await saveDraft(apiUrl, e);
    await setStatus(apiUrl, e, 'pending_publish');
    await phase(`${label} : appel de publication (garde)`, () => refusal(api(apiUrl, 'publishUnpublishedEntry', { collection: e.collection, slug: e.slug })));
    await phase(`${label} : reconstruction du site`, async () => { await stack.waitForServed(publishedHead(stack.repoDir), 900_000); });
  };
  await publishing(entryOf(files[0]!, (r) => r.replace(/^title: (.*)$/m, 'title: $1 (modifié)')), 'défi modifié, 1re publication');
  await publishing(entryOf(files[1]!, (r) => r.replace(/^title: (.*)$/m, 'title: $1 (modifié)')), 'défi modifié, 2e publication');
  await publishing(entryOf(files[2]!, (r) => withKeys(r, 1_990, 'valeur '.repeat(12).trim())), 'défi au maximum permis (1 990 clés, ≈ 185 Ko)');

  const huge = entryOf(files[3]!, (r) => withKeys(r, 40_000, 'v'));
  await phase('défi de 40 000 clés : enregistrement', () => refusal(saveDraft(apiUrl, huge)));
  // Pushed as is (a draft saved before the limits, or by git): its publication.
  const branch = `cms/defis/${huge.slug}`;
  const tree = treeWith(stack.repoDir, 'main', { write: new Map([[huge.path, huge.raw]]) }, join(root, 'index'));
  git(stack.repoDir, ['update-ref', `refs/heads/${branch}`, git(stack.repoDir, ['commit-tree', tree, '-p', 'main', '-m', 'brouillon poussé'])]);
  await phase('défi de 40 000 clés poussé tel quel : publication', () => refusal(api(apiUrl, 'publishUnpublishedEntry', { collection: 'defis', slug: huge.slug })));
} finally {
  clearInterval(ticker);
  await stack.stop();
  rmSync(root, { recursive: true, force: true });
  rmSync(stack.buildsDir, { recursive: true, force: true });
}
