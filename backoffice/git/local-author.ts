/**
 * Who `npm start`'s commits name (issue #21, « qui a fait quoi »): one person works on this
 * machine, so its git identity (`git config user.name` / `user.email` as the project sees it:
 * the project's, else the user's global one), or « Éditeur local » when there is none. The
 * committer stays the back-office's own identity (git/repo.ts). The team back-office names each
 * signed-in person instead (team/author.ts, the identities of team/gate.ts).
 */
import { execFileSync } from 'node:child_process';
import type { Identity } from '../identity.ts';

export const LOCAL_EDITOR_NAME = 'Éditeur local';
export const LOCAL_EDITOR_EMAIL = 'editeur.local@eig.invalid';

/** The author from what git says (empty: not set). */
export const localEditor = (name: string, email: string): Identity => ({
  name: name.trim() || LOCAL_EDITOR_NAME,
  email: email.trim() || LOCAL_EDITOR_EMAIL,
});

/** The machine's git identity seen from `codeRoot` (never the back-office repository's own). */
export function localAuthor(codeRoot: string): Identity {
  const read = (key: string) => {
    try {
      return execFileSync('git', ['config', '--get', key], { cwd: codeRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
    } catch { return ''; }
  };
  return localEditor(read('user.name'), read('user.email'));
}
