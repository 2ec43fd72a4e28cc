/**
 * A used image is not deleted: the entries that use a media file (published ones, and drafts of
 * the editorial workflow, `cms/…` branches, which would go live with a broken image otherwise),
 * found with `git grep` on every branch, and the French refusal naming them.
 */
import { parseMarkdownFile } from '../../src/lib/content/frontmatter.ts';
import { describeEntry } from '../../src/lib/content/describe.ts';
import { PUBLISHED_BRANCH } from '../git/repo.ts';
import { gitBuffer } from '../git/tree.ts';
import type { GuardRefusal } from '../refusal.ts';
import { git, gitTry } from './restore.ts';

/** Status of a refusal: the request is understood but the content does not allow it. */
export const REFUSED = 422;
export const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);

/** A media path (under media/) as content refers to it: `img/<path>`, `/img/<path>` or `<path>`. */
export function referencePattern(mediaPath: string): RegExp {
  const forms = [...new Set([mediaPath, encodeURI(mediaPath), mediaPath.normalize('NFD')])].map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?:^|[\\s"'(=:\\[,])(?:\\.?/)?(?:img/)?(?:${forms.join('|')})(?=$|[\\s"')\\],?#>])`, 'mu');
}

/**
 * Entries that use a media file (path under media/): published ones, and drafts. A draft's
 * version of a published entry counts once, as « brouillon ».
 */
export function mediaUsers(repoDir: string, mediaPath: string): string[] {
  const name = mediaPath.split('/').pop()!;
  const drafts = git(repoDir, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/cms/']).split('\n').filter(Boolean);
  const hits = gitTry(repoDir, ['-c', 'core.quotePath=false', 'grep', '-l', '-z', '-F', '-e', name, '-e', encodeURI(name), PUBLISHED_BRANCH, ...drafts, '--', 'content']);
  if (!hits) return [];
  const pattern = referencePattern(mediaPath);
  const users = new Map<string, string>();
  for (const hit of hits.split('\0').filter(Boolean)) {
    // `<branch>:<path>`: branch names (main, cms/<collection>/<slug>) hold no colon.
    const at = hit.indexOf(':');
    const [ref, path] = [hit.slice(0, at), hit.slice(at + 1)];
    const text = gitBuffer(repoDir, ['show', `${ref}:${path}`]).toString('utf8');
    if (!pattern.test(text)) continue;
    const d = describeEntry(path.replace(/^content\//, ''), parseMarkdownFile(text).data);
    const draft = ref !== PUBLISHED_BRANCH;
    const key = `${path}\0${draft ? '' : 'published'}`;
    if (draft && users.has(`${path}\0published`)) continue;
    users.set(key, `${d.kind} « ${d.title} »${draft ? ' (brouillon)' : ''}`);
  }
  return [...users.values()];
}

/** The refusal of a deletion of media files some entries use, or undefined. */
export function refuseUsedMedia(repoDir: string, paths: readonly string[]): GuardRefusal | undefined {
  const parts: string[] = [];
  let count = 0;
  for (const p of paths) {
    if (!p.startsWith('media/')) continue;
    const users = mediaUsers(repoDir, p.slice('media/'.length));
    count += users.length;
    if (users.length) parts.push(`« ${p.slice('media/'.length)} » est utilisé par ${users.join(', ')}`);
  }
  if (!parts.length) return undefined;
  return { status: REFUSED, error: `Suppression refusée : ${parts.join(' ; ')}. Retirez-le de ${plural(count, 'ce contenu', 'ces contenus')} et publiez ${plural(count, 'la modification', 'les modifications')} avant de le supprimer.` };
}
