/**
 * The history's writes, made the way Decap makes them, so nothing new reaches the repository:
 * - a restore is decap-server's `persistEntry` in the editorial workflow: the version's bytes
 *   saved as a draft on `cms/<collection>/<slug>` (a new branch gets Decap's `draft` status in
 *   its `branch.<name>.description`), then review, « Prêt » and the publication guard as any draft;
 * - removing a new entry (undoing its first publication) is Decap's `deleteFile` on the
 *   published branch, which the guard checks (nothing may still link to it) and which the team
 *   back-office reserves to the publication role.
 * Each call is parsed by the gate's own schemas (gate.ts `checkCall`), authorised by the
 * identity's role check (team back-office) and run in the API's one queue (api/calls.ts): the
 * guard's hooks, the author of the commit, never two writes at once.
 */
import { ServerResponse, type IncomingMessage } from 'node:http';
import { checkCall, type Call } from '../gate/gate.ts';
import { PUBLISHED_BRANCH } from '../git/repo.ts';
import type { Identity } from '../identity.ts';
import type { ApiPipeline } from '../api/pipeline.ts';
import type { EntryRef } from './entries.ts';

export interface Outcome { status: number; error?: string | undefined }

/** Decap's body of a draft save of `raw` (what its editor sends for « Enregistrer »). */
export const draftBody = (e: EntryRef, raw: string, message: string) => ({
  action: 'persistEntry',
  params: {
    branch: PUBLISHED_BRANCH,
    entry: { slug: e.slug, path: e.path, raw },
    assets: [],
    options: { collectionName: e.collection, commitMessage: message, useWorkflow: true, status: 'draft' },
  },
});

/** Decap's body of a draft's status change (a restore over a draft « En relecture » or « Prêt » starts again at « Brouillon »). */
export const statusBody = (e: EntryRef, newStatus: 'draft') => ({
  action: 'updateUnpublishedEntryStatus',
  params: { branch: PUBLISHED_BRANCH, collection: e.collection, slug: e.slug, newStatus },
});

/** Decap's body of an entry's deletion from the published branch. */
export const removalBody = (e: EntryRef, message: string) => ({
  action: 'deleteFile',
  params: { branch: PUBLISHED_BRANCH, path: e.path, options: { commitMessage: message } },
});

/**
 * Runs one call in the API queue for a request of the history page, its answer kept instead of
 * sent (the page answers with a redirect or a page): a response object with no socket whose
 * `end` records the status and the JSON body.
 */
export async function runInternal(run: ApiPipeline['run'], req: IncomingMessage, body: unknown, who: Identity | undefined): Promise<Outcome> {
  const call = checkCall(body, PUBLISHED_BRANCH);
  if ('status' in call) return { status: call.status, error: call.error };
  const sink = new ServerResponse(req);
  const denied = who?.authorize?.(call as Call, sink);
  if (denied) return { status: denied.status, error: denied.error };
  let text = '';
  const ended = new Promise<void>((done) => {
    // `end` as ServerResponse has it (chunk, encoding?, callback?): the chunk kept, nothing sent.
    sink.end = ((chunk?: unknown) => {
      if (typeof chunk === 'string') text += chunk; else if (Buffer.isBuffer(chunk)) text += chunk.toString('utf8');
      sink.finished = true;
      done();
      sink.emit('finish');
      return sink;
    }) as ServerResponse['end'];
  });
  // decap-server's Express app routes on the URL: the call is an API call.
  const url = req.url;
  req.url = '/api/v1';
  try { await run(req, sink, call, who); } finally { req.url = url; }
  if (!sink.finished) return { status: 503, error: 'Le back-office n’a pas traité la demande : réessayez dans un instant.' };
  await ended;
  let error: string | undefined;
  try { const parsed = JSON.parse(text) as { error?: unknown }; if (typeof parsed.error === 'string') error = parsed.error; } catch { /* not JSON */ }
  return { status: sink.statusCode, error };
}
