/**
 * Who a scheduled publication is made in the name of (issues #20 item 4, #21 item 4): the person
 * who moved the draft to « Prêt ». In the team back-office only the publication role may do that
 * (team/roles.ts): it is the decision to publish, at the time « Publier le » says. The draft's
 * last author may be someone of the redaction role, who may not publish: naming them would say
 * they published what their role forbids. So the call queue notes who marked a draft « Prêt »
 * (`recordReady`, in git beside decap-server's own status: `branch.<draft>.eigReadyBy`, removed
 * with the branch when it is published or deleted, read again after a restart); a draft marked
 * « Prêt » before this existed, or outside the back-office, falls back to its last author.
 *
 * The merge is made by decap-server's own `git merge` (the API's path: the gate, the queue, the
 * guard); `mergeEnv` gives that one git command a merge commit (`merge.ff=false`, so the author
 * is the one who scheduled, even where a fast-forward was possible) and its message, read by git
 * from a file through GIT_EDITOR (`git merge` asks the « editor » for it when
 * GIT_MERGE_AUTOEDIT=yes). No commit is rewritten afterwards: the published branch only moves
 * forward (the content remote's sync relies on it, git/sync.ts).
 */
import { git } from '../git/repo.ts';
import { frenchInstant } from '../../src/content/model/datetime.ts';
import type { Identity } from '../identity.ts';

/** The git config key, under `branch.<draft branch>.`, that names who marked the draft « Prêt ». */
export const READY_BY_KEY = 'eigReadyBy';
/** How a scheduled publication's merge message starts (the history pages say « publication programmée »). */
export const SCHEDULED_SUBJECT = 'Publication programmée : ';
/** The commit trailer that names who scheduled a publication (ASCII: git's trailer keys are). */
export const SCHEDULED_TRAILER = 'Publication-programmee-par';

/** `Name <email>`, the characters git refuses in an ident removed. */
export function formatIdent(who: Identity): string {
  const clean = (s: string) => s.replace(/[<>\n\r\0]/g, '').trim();
  return `${clean(who.name) || clean(who.email)} <${clean(who.email)}>`;
}

/** `Name <email>` back into an identity (undefined when it is not one). */
export function parseIdent(text: string | undefined): Identity | undefined {
  const m = /^(.*?)\s*<([^<>]*)>\s*$/.exec(text?.trim() ?? '');
  if (!m || !(m[1] || m[2])) return undefined;
  return { name: m[1] || m[2]!, email: m[2]! };
}

/** The draft's branch (decap-server's name for it). */
export const draftBranch = (collection: string, slug: string): string => `cms/${collection}/${slug}`;

const key = (branch: string) => `branch.${branch}.${READY_BY_KEY}`;

/** Notes who moved the draft to « Prêt » (in the call queue, right after decap-server did it). */
export function recordReady(repoDir: string, branch: string, who: Identity): void {
  git(repoDir, ['config', key(branch), formatIdent(who)]);
}

/** The draft left « Prêt »: nobody has scheduled it any more. */
export function clearReady(repoDir: string, branch: string): void {
  try { git(repoDir, ['config', '--unset-all', key(branch)]); } catch { /* not set */ }
}

/** Who scheduled the draft: who marked it « Prêt », else the draft's last author. */
export function scheduledBy(repoDir: string, branch: string): { who: Identity; from: 'ready' | 'draft' } | undefined {
  let noted: string | undefined;
  try { noted = git(repoDir, ['config', '--get', key(branch)]); } catch { noted = undefined; }
  const ready = parseIdent(noted);
  if (ready) return { who: ready, from: 'ready' };
  try {
    const [name = '', email = ''] = git(repoDir, ['log', '-1', '--format=%an%x1f%ae', `refs/heads/${branch}`]).split('\x1f');
    return name || email ? { who: { name: name || email, email }, from: 'draft' } : undefined;
  } catch { return undefined; }
}

/** What a scheduled publication's merge commit says (French, with a trailer naming who scheduled it). */
export function scheduledMessage(s: { collection: string; slug: string; title: string; publishAt: Date }, who: { who: Identity; from: 'ready' | 'draft' } | undefined, now: Date): string {
  const whom = !who ? '' : who.from === 'ready' ? ', au nom de la personne qui a marqué le brouillon « Prêt »' : ', au nom du dernier auteur du brouillon';
  return [
    `${SCHEDULED_SUBJECT}« ${s.title} » (${s.collection}/${s.slug})`,
    '',
    `Prévue le ${frenchInstant(s.publishAt, now)} (heure de Paris), publiée à cette heure par le back-office${whom}.`,
    '',
    ...(who ? [`${SCHEDULED_TRAILER}: ${formatIdent(who.who)}`] : []),
    `Publication-programmee-le: ${s.publishAt.toISOString()}`,
    '',
  ].join('\n');
}

/** A path as one word of `sh` (GIT_EDITOR is run by the shell). */
const shellWord = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The environment of the scheduled publication's `git merge`: always a merge commit, its message
 * copied from `messageFile` by the « editor ». `env` is the process's (its GIT_CONFIG_COUNT, if
 * any, is extended, not replaced).
 */
export function mergeEnv(messageFile: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const n = Number(env['GIT_CONFIG_COUNT']) || 0;
  return {
    GIT_CONFIG_COUNT: String(n + 1),
    [`GIT_CONFIG_KEY_${n}`]: 'merge.ff',
    [`GIT_CONFIG_VALUE_${n}`]: 'false',
    GIT_MERGE_AUTOEDIT: 'yes',
    GIT_EDITOR: `cp -- ${shellWord(messageFile)}`,
  };
}
