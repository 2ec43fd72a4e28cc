/**
 * Who published what and when (issue #20 item 4), read from git, the one source: the published
 * commit's author (a publication is a merge authored by the person signed in, team/author.ts;
 * `npm start`: the repository's own git identity) and date, and the entries it changed since
 * the commit served before (first parent when none), named as the back-office names them
 * (problems/describe.ts: « Défi « Eau claire » », with its link). Data only: the status bar and
 * page make the sentence (admin/status-text.ts).
 */
import { git } from '../git/repo.ts';
import { problemEntry, type ContentIndex } from '../problems/describe.ts';
import type { PublicationInfo } from '../types.ts';

/** At most this many entries are listed (the others counted in `more`). */
const LISTED = 5;
const CHANGE = { A: 'added', M: 'modified', D: 'deleted' } as const;

export function publicationInfo(repoDir: string, commit: string, since: string | undefined, index: ContentIndex | undefined): PublicationInfo | undefined {
  try {
    const [name = '', email = '', at = ''] = git(repoDir, ['log', '-1', '--format=%an%x1f%ae%x1f%cI', commit]).split('\x1f');
    let base = since && since !== commit ? since : undefined;
    if (!base) {
      try { base = git(repoDir, ['rev-parse', '--verify', '--quiet', `${commit}^1`]); } catch { base = undefined; }
    }
    const changed = base ? git(repoDir, ['diff', '--name-status', '--no-renames', '-z', base, commit]).split('\0').filter(Boolean) : [];
    const entries: PublicationInfo['entries'] = [];
    const media: PublicationInfo['entries'] = [];
    for (let i = 0; i + 1 < changed.length; i += 2) {
      const status = changed[i]!.charAt(0) as keyof typeof CHANGE;
      const path = changed[i + 1]!;
      const change = CHANGE[status] ?? 'modified';
      if (path.startsWith('content/') && path.endsWith('.md')) {
        entries.push({ ...problemEntry(path.slice('content/'.length), index?.dataOf ?? (() => undefined)), change });
      } else if (path.startsWith('media/') && !path.split('/').pop()!.startsWith('.')) {
        // Named as the media library names it: the file's name, no folder.
        media.push({ kind: 'Média', title: path.split('/').pop()!, file: path, change });
      }
    }
    // Entries first (what editors publish); media alone when nothing else changed.
    const all = [...entries, ...media];
    return { commit, author: { name, email }, at, entries: all.slice(0, LISTED), more: Math.max(0, all.length - LISTED) };
  } catch {
    return undefined;
  }
}
