/**
 * The scheduler's two ends in the stack (server/stack.ts), so that a scheduled publication names
 * who scheduled it (scheduled-by.ts) and is told (StackOptions.onPublished):
 * - `afterCall`, run by the call queue after each successful call (api/calls.ts `onSuccess`):
 *   notes who marked a draft « Prêt » (or forgets it when the draft leaves « Prêt »), and tells
 *   each publication: an editor's, or the scheduler's (known by its internal caller);
 * - `publishScheduled`, the scheduler's `publish`: the internal call through the API's handler
 *   (the gate, the queue, the guard, decap-server) in the name of who scheduled the draft, its
 *   merge commit saying « Publication programmée »; a refusal is told too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishedHead } from '../git/repo.ts';
import type { Action } from '../actions/kinds.ts';
import type { TypedCall } from '../actions/parse.ts';
import type { Identity } from '../identity.ts';
import type { PublishedEvent } from '../publish/events.ts';
import type { Scheduled } from './due.ts';
import { internalCall, internalCaller, type InternalAnswer } from './internal-call.ts';
import { clearReady, draftBranch, mergeEnv, recordReady, scheduledBy, scheduledMessage } from './scheduled-by.ts';

/** StackOptions.onPublished made safe (publish/events.ts `safeEmit`): the event is built only when someone listens. */
type Emit = ((make: () => PublishedEvent) => void) | undefined;
type Handler = Parameters<typeof internalCall>[0];

export function afterCall(repoDir: string, log: (l: string) => void, emit: Emit, now: () => Date) {
  return (_action: Action, done: { call: TypedCall; author: Identity | undefined; req: Parameters<typeof internalCaller>[0] }): void => {
    const { call } = done;
    if (call.action === 'updateUnpublishedEntryStatus') {
      const branch = draftBranch(call.params.collection, call.params.slug);
      try {
        if (call.params.newStatus === 'pending_publish' && done.author) recordReady(repoDir, branch, done.author);
        else clearReady(repoDir, branch);
      } catch (e) { log(`« Prêt » : auteur non noté pour ${branch} : ${e instanceof Error ? e.message : String(e)}`); }
      return;
    }
    if (call.action !== 'publishUnpublishedEntry') return;
    const at = now().toISOString();
    const entry = { collection: call.params.collection, slug: call.params.slug };
    const scheduled = internalCaller(done.req)?.scheduled;
    emit?.(() => scheduled
      ? { kind: 'scheduled', at, commit: publishedHead(repoDir), entry: { ...entry, title: scheduled.title }, publishAt: scheduled.publishAt, author: done.author, from: scheduled.from }
      : { kind: 'editor', at, commit: publishedHead(repoDir), entry, author: done.author });
  };
}

export interface ScheduledPublishing {
  repoDir: string;
  /** Where the merge message is written for the length of the call (the stack's data folder). */
  dataDir: string;
  api: Handler;
  port: () => number;
  now: () => Date;
  emit: Emit;
  /** The author when nobody can be named (npm start: the local editor; else the repository's identity). */
  fallback: Identity | undefined;
  /**
   * The team back-office: a draft nobody marked « Prêt » through the back-office (made « Prêt »
   * directly by a call that saves a new draft with that status, which the redaction role may
   * make) is not published: only a person of the publication role may decide it.
   */
  requireReady?: boolean | undefined;
}

/** Why a scheduled draft nobody marked « Prêt » stays unpublished (team back-office). */
export const NOT_MARKED_READY = 'Publication programmée refusée : ce brouillon n’a pas été marqué « Prêt » dans le back-office par une personne du rôle publication. Une personne de ce rôle doit le marquer « Prêt » (le mettre dans un autre statut, puis de nouveau « Prêt ») pour qu’il soit publié à son heure.';

export function publishScheduled(o: ScheduledPublishing): (s: Scheduled) => Promise<InternalAnswer> {
  return async (s) => {
    const by = scheduledBy(o.repoDir, s.branch) ?? (o.fallback ? { who: o.fallback, from: 'draft' as const } : undefined);
    const who = by?.who;
    const refused = (error: string) => o.emit?.(() => ({ kind: 'scheduled-refused', at: o.now().toISOString(), entry: { collection: s.collection, slug: s.slug, title: s.title }, publishAt: s.publishAt.toISOString(), author: who, error }));
    if (o.requireReady && by?.from !== 'ready') {
      refused(NOT_MARKED_READY);
      return { status: 403, body: { error: NOT_MARKED_READY } };
    }
    const dir = mkdtempSync(join(o.dataDir, 'merge-message-'));
    const file = join(dir, 'MESSAGE');
    try {
      writeFileSync(file, scheduledMessage(s, by, o.now()));
      const scheduled = { collection: s.collection, slug: s.slug, title: s.title, publishAt: s.publishAt.toISOString(), from: by?.from ?? 'draft' } as const;
      const answer = await internalCall(o.api, o.port(), { action: 'publishUnpublishedEntry', params: { branch: 'main', collection: s.collection, slug: s.slug } }, { identity: who, env: mergeEnv(file), scheduled });
      if (answer.status >= 400) {
        const body = answer.body && typeof answer.body === 'object' ? answer.body as { error?: unknown } : {};
        const error = typeof body.error === 'string' ? body.error : `refus du serveur (HTTP ${answer.status})`;
        refused(error);
      }
      return answer;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
