/**
 * How long the publication guard's content check takes (backoffice/guard/guard.ts): a back-office
 * repository is made from a content tree (default: the demo content; or `tsx scripts/bench/guard.ts
 * <content> <media>`, e.g. an imported corpus), a draft editing one défi is put on its branch as
 * decap-server does, and `beforeAction('publishUnpublishedEntry')` is timed: the first check
 * (published tree written out, then the merged one) and following ones (one changed file).
 * Figures only, no pass/fail.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureCmsRepo, git } from '../../backoffice/git/repo.ts';
import { guardHooks } from '../../backoffice/guard/guard.ts';

const contentDir = resolve(process.argv[2] ?? 'content');
const mediaDir = resolve(process.argv[3] ?? 'media');
const root = mkdtempSync(join(tmpdir(), 'eig-bench-guard-'));
const repo = join(root, 'cms-repo');
try {
  ensureCmsRepo(repo, { contentDir, mediaDir });
  const defis = readdirSync(join(repo, 'content/defis')).filter((f) => f.endsWith('.md') && f !== '_index.md');
  const files = git(repo, ['ls-files', 'content']).split('\n').length;
  const checks: number[] = [];
  const details: string[] = [];
  const hooks = guardHooks(repo, { log: () => {}, onCheck: (ms, what) => { checks.push(ms); details.push(what.replace(/^\S+ /, '')); } });
  const rounds: { total: number; checks: number[]; details: string[] }[] = [];
  for (let i = 0; i < Math.min(5, defis.length); i++) {
    const file = defis[i]!;
    const slug = file.replace(/\.md$/, '');
    const branch = `cms/defis/${slug}`;
    git(repo, ['checkout', '--quiet', '-b', branch, 'main']);
    const path = join(repo, 'content/defis', file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^title: (.*)$/m, 'title: $1 (modifié)'));
    git(repo, ['commit', '--quiet', '-am', 'brouillon']);
    git(repo, ['checkout', '--quiet', 'main']);
    checks.length = 0;
    details.length = 0;
    const t = performance.now();
    const refusal = await hooks.beforeAction!({ action: 'publishUnpublishedEntry', params: { branch: 'main', collection: 'defis', slug } });
    rounds.push({ total: performance.now() - t, checks: [...checks], details: [...details] });
    if (refusal) console.log(`  (refus : ${refusal.error.slice(0, 200)})`);
  }
  console.log(`Contenu : ${contentDir} (${files} fichiers)`);
  rounds.forEach((r, i) => console.log(`  publication ${i + 1} : ${r.total.toFixed(0)} ms au total ; vérifications ${r.checks.map((c) => `${c.toFixed(0)} ms`).join(' + ') || '(en cache)'} ${r.details.join(' ')}`));
} finally {
  rmSync(root, { recursive: true, force: true });
  rmSync(`${repo}-guard`, { recursive: true, force: true });
}
