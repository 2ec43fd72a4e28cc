/**
 * Who the team back-office's commits name. The author of each write is set by the call queue
 * (backoffice/api/calls.ts `asAuthor`, from the identity the sign-in gave the request); the
 * committer stays the repository's own identity (the back-office server).
 */
import { git } from '../git/repo.ts';

/**
 * A publication is a merge of the draft's branch (decap-server's `git merge`): with `merge.ff`
 * false it is always a merge commit, authored by the person who published, instead of a
 * fast-forward that would leave only the draft's author in the history.
 */
export function recordPublishers(repoDir: string): void {
  git(repoDir, ['config', 'merge.ff', 'false']);
}
