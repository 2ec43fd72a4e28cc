/**
 * What moved the published branch, and who (issues #20 item 4, #21 item 4), handed to
 * StackOptions.onPublished: the team back-office writes each into its access journal
 * (team/publications.ts); the stack itself cannot import team/. One event per fact:
 * - `editor`: « Publier » in Decap (or the API), by the person signed in (npm start: the local editor);
 * - `scheduled` / `scheduled-refused`: the scheduler at « Publier le », in the name of who scheduled it;
 * - `remote` / `remote-refused`: commits fetched from CONTENT_REMOTE, published or refused by the guard.
 * Built from git in the call queue, right after the branch moved (or the guard refused).
 */
import { git } from '../git/repo.ts';
import type { Identity } from '../identity.ts';

export interface EntryRef { collection: string; slug: string }

export type PublishedEvent =
  | { kind: 'editor'; at: string; commit: string; entry: EntryRef; author: Identity | undefined }
  | { kind: 'scheduled'; at: string; commit: string; entry: EntryRef & { title: string }; publishAt: string; author: Identity | undefined; from: 'ready' | 'draft' }
  | { kind: 'scheduled-refused'; at: string; entry: EntryRef & { title: string }; publishAt: string; author: Identity | undefined; error: string }
  | { kind: 'remote'; at: string; commit: string; merge: string | undefined; count: number; authors: Identity[] }
  | { kind: 'remote-refused'; at: string; commit: string; author: Identity | undefined; error: string };

/** The authors of the commits in `from..to` (first seen first), and how many commits. */
export function authorsBetween(repoDir: string, from: string, to: string): { count: number; authors: Identity[] } {
  let lines: string[] = [];
  try { lines = git(repoDir, ['log', '--no-merges', '--format=%an%x1f%ae', from ? `${from}..${to}` : to]).split('\n').filter(Boolean); } catch { lines = []; }
  const seen = new Map<string, Identity>();
  for (const l of lines.reverse()) {
    const [name = '', email = ''] = l.split('\x1f');
    if (!seen.has(email || name)) seen.set(email || name, { name: name || email, email });
  }
  return { count: lines.length, authors: [...seen.values()] };
}

/** The author of one commit. */
export function authorOf(repoDir: string, commit: string): Identity | undefined {
  try {
    const [name = '', email = ''] = git(repoDir, ['log', '-1', '--format=%an%x1f%ae', commit]).split('\x1f');
    return name || email ? { name: name || email, email } : undefined;
  } catch { return undefined; }
}

/** `emit` (StackOptions.onPublished) made safe: a failing listener is logged, never breaks the queue; built lazily. */
export function safeEmit(emit: ((e: PublishedEvent) => void) | undefined, log: (l: string) => void): ((make: () => PublishedEvent) => void) | undefined {
  if (!emit) return undefined;
  return (make) => {
    try { emit(make()); } catch (e) { log(`Publication non signalée au journal : ${e instanceof Error ? e.message : String(e)}`); }
  };
}
