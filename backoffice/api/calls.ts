/**
 * The back-office's API calls, one at a time, behind the gate (gate/gate.ts parsed each call
 * first, api/pipeline.ts hands it here): the publication guard's hooks around each write, decap-server (decap-local.ts) in the
 * middle. The queue always moves on (issue #17):
 * - a call whose client left before its turn (closed tab, aborted fetch) is dropped, not run;
 *   a write already handed to decap-server when its client leaves is finished, and logged;
 * - a call is over once decap-server has answered (its git work is done), not once the client
 *   has read the answer: a client that never reads holds nothing but its own connection, which
 *   is cut after `deliverMs` (its answer is freed);
 * - a call not answered after `answerMs` (waiting for its turn, or running) gets a French 503 and
 *   a terminal line; one still running after `stuckMs` is given up by the queue (serial()).
 *
 * Writes never overlap in git. decap-server switches branches in its one working tree for every
 * call (reads too), so a call given up while decap-server is still working on it must not be
 * followed by another: until it ends, every call is answered 503 « dépôt occupé » at once (the
 * queue moves, nothing runs concurrently; decap-server's own mutex would refuse it after 3 s
 * anyway, and the guard's clean-up must not run under it). When it ends, the repository is
 * cleaned up (the guard's afterFailure) before the next call. Waiting for it instead would freeze
 * the queue again if it never ends; running the next call anyway could merge a half-made draft.
 * A call given up in the guard's checks (before decap-server) has touched nothing: the clean-up
 * runs and the next call goes on.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isWrite, type Action } from '../actions/kinds.ts';
import type { TypedCall as Call } from '../actions/parse.ts';
import type { GateHooks, VersionHooks } from './hooks.ts';
import { isWriteCall } from '../actions/parse.ts';
import { failureMessage, refusal, sendRefusal, type GuardRefusal } from '../refusal.ts';
import { TaskTimeout, serial } from './serial.ts';
import type { DecapApp } from './decap.ts';
import type { healthWatch } from '../git/health.ts';
import type { Identity } from '../identity.ts';

export interface CallTimeouts {
  /** A call not answered this long after it arrived (waiting included) gets a 503. */
  answerMs: number;
  /** A call still running this long after its turn came is given up by the queue. */
  stuckMs: number;
  /** An answer its client has not taken this long after it was written: the connection is cut. */
  deliverMs: number;
}

/**
 * A publication with the guard's checks takes seconds; two minutes is a call gone wrong. Ten
 * minutes of a git command is one that hangs. Two minutes to take an answer of 27 MB at most
 * (a 20 MB upload's medium, in base64) is 1.8 Mbit/s.
 */
export const CALL_TIMEOUTS: CallTimeouts = { answerMs: 120_000, stuckMs: 600_000, deliverMs: 120_000 };

export interface CallRunnerOptions {
  decap: () => DecapApp | undefined;
  hooks: GateHooks;
  log: (line: string) => void;
  timeouts?: Partial<CallTimeouts> | undefined;
  /** decap-server's answers in an editor's words (its 500s get their real cause). */
  mapAnswer: (status: number, body: unknown) => unknown;
  /**
   * Health of the repository (cms-health.ts): a damaged one takes no call but `info` (git would
   * fail half-way in a write and its clean-up lose files; even decap-server's reads run
   * `git checkout`, which left .git/index.lock behind on a corrupted index), and a failed call
   * on it is not cleaned up (the clean-up's forced checkout would delete working files).
   */
  health?: Pick<ReturnType<typeof healthWatch>, 'blocked' | 'check'>;
  /** A write the guard refused (its problems as data when the content checks refused it). */
  onRefusal?: (action: Action, refused: GuardRefusal) => void;
  /** A call that succeeded (a publication moves the published branch), with its author (writes). */
  onSuccess?: (action: Action, done: { call: Call; author: Identity | undefined; req: IncomingMessage }) => void;
  /** Extra environment of decap-server's git for this request (a scheduled publication's merge). */
  gitEnv?: ((req: IncomingMessage) => Record<string, string> | undefined) | undefined;
  /** The queue calls run in (default: one of their own); shared with the content remote's sync (git/sync.ts). */
  queue?: (<T>(task: () => Promise<T>) => Promise<T>) | undefined;
  /** The git author of a write's commits, from the request's identity (StackOptions.author). */
  author?: ((identity: Identity) => Identity) | undefined;
  /** The author of a write made without an identity (`npm start`: the machine's git identity). */
  defaultAuthor?: Identity | undefined;
  /** No lost update: a write based on an older version is refused (backoffice/versions/). */
  versions?: VersionHooks | undefined;
}

/**
 * Runs `work` with the git author set for the commits it makes (and `extra`, the call's own git
 * environment): decap-server's git (simple-git) inherits this process's environment when it
 * spawns, and calls run one at a time.
 */
async function asAuthor<T>(who: Identity | undefined, extra: Record<string, string> | undefined, work: () => Promise<T>): Promise<T> {
  const vars: Record<string, string> = { ...extra };
  // Characters git refuses or mangles in an ident (`<`, `>`, line breaks, NUL) are removed.
  const clean = (s: string) => s.replace(/[<>\n\r\0]/g, '').trim();
  if (who) {
    vars['GIT_AUTHOR_NAME'] = clean(who.name) || clean(who.email);
    vars['GIT_AUTHOR_EMAIL'] = clean(who.email);
  }
  const keys = Object.keys(vars);
  if (!keys.length) return work();
  const saved = keys.map((k) => process.env[k]);
  Object.assign(process.env, vars);
  try { return await work(); } finally {
    keys.forEach((k, i) => { if (saved[i] === undefined) delete process.env[k]; else process.env[k] = saved[i]; });
  }
}

type Phase = 'waiting' | 'checking' | 'running';
const PHASE: Record<Phase, string> = { waiting: 'en attente de son tour', checking: 'en vérification', running: 'en cours dans le dépôt' };
const s = (ms: number) => `${Math.round(ms / 1000)} s`;

/** Runs checked calls one at a time; resolves once the call's answer is written (or dropped). */
export function callRunner(o: CallRunnerOptions): (req: IncomingMessage, res: ServerResponse, call: Call, identity?: Identity, session?: string) => Promise<void> {
  const t: CallTimeouts = { ...CALL_TIMEOUTS, ...o.timeouts };
  const queue = o.queue ?? serial(t.stuckMs);
  /** A call given up while decap-server still works on it: nothing else runs until it ends. */
  let leftover: { action: Action; since: number; done: Promise<unknown> } | undefined;
  /** A call given up: the repository is cleaned up before the next one. */
  let cleanUp: Action | undefined;

  /** Listings never show hidden files (media/.gitkeep): the gate refuses them anyway. */
  const mapFor = (action: Action) => action === 'getMedia' || action === 'entriesByFolder'
    ? (st: number, b: unknown) => (Array.isArray(b) ? b.filter((x: { path?: string; file?: { path?: string } }) => !/(^|\/)\./.test(x?.path ?? x?.file?.path ?? '')) : o.mapAnswer(st, b))
    : o.mapAnswer;

  const afterFailure = async (action: Action) => {
    try { await o.hooks.afterFailure?.(action); } catch (e) { o.log(`Nettoyage après échec impossible : ${e instanceof Error ? e.message : String(e)}`); }
  };

  /** An answer written but not taken: the connection is cut after deliverMs (its buffers freed). */
  const deliver = (res: ServerResponse, action: string) => {
    if (!res.writableEnded || res.writableFinished || res.destroyed) return;
    const timer = setTimeout(() => {
      if (res.writableFinished || res.destroyed) return;
      o.log(`Back-office : réponse à « ${action} » non lue par son client après ${s(t.deliverMs)} : connexion coupée.`);
      res.destroy();
    }, t.deliverMs);
    timer.unref();
    const stop = () => clearTimeout(timer);
    res.once('finish', stop);
    res.once('close', stop);
  };

  return async (req, res, call, identity, session) => {
    const { action } = call;
    let phase: Phase = 'waiting';
    let clientLeft = false;
    let timedOut = false;
    res.once('close', () => { if (!res.writableFinished) clientLeft = true; });
    /** Nobody waits for this call any more: its client left, or it was answered (a timeout). */
    const gone = () => clientLeft || res.writableEnded || res.destroyed || req.socket.destroyed;
    const dropped = (when: string) => {
      if (isWrite(action)) o.log(`Back-office : « ${action} » abandonné ${when} : rien n’a été modifié.`);
    };
    const timer = setTimeout(() => {
      if (res.headersSent || gone()) return;
      timedOut = true;
      o.log(`Back-office : « ${action} » sans réponse après ${s(t.answerMs)} (${PHASE[phase]}) : réponse 503.`);
      sendRefusal(res, refusal(503, phase === 'running'
        ? `Le back-office n’a pas répondu à temps (${s(t.answerMs)}) : l’opération continue et peut encore aboutir ; rechargez la page dans un instant pour voir son résultat.`
        : `Le back-office n’a pas répondu à temps (${s(t.answerMs)}) : votre demande n’a pas été traitée ; réessayez dans un instant.`));
    }, t.answerMs);
    timer.unref();

    let work: Promise<unknown> | undefined;
    const task = async (): Promise<void> => {
      if (leftover) {
        return sendRefusal(res, refusal(503, `Le dépôt du back-office est encore occupé par une opération bloquée (« ${leftover.action} », depuis ${s(Date.now() - leftover.since)}) : réessayez dans un instant. Si cela dure, redémarrez le serveur.`));
      }
      if (cleanUp) {
        const a = cleanUp;
        cleanUp = undefined;
        // As after any failed call: a damaged repository is left as it is (the clean-up's forced
        // checkout would delete working files), and the writes stay suspended.
        if (o.health && !o.health.check(true).ok) o.log(`Back-office : nettoyage après « ${a} » abandonné : dépôt endommagé, écritures suspendues.`);
        else await afterFailure(a);
      }
      if (gone()) return dropped('(son client est parti avant son tour)');
      const decap = o.decap();
      if (!decap) return sendRefusal(res, refusal(503, 'Le back-office démarre, réessayez dans un instant.'));
      const damaged = action !== 'info' ? o.health?.blocked() : undefined;
      if (damaged) return sendRefusal(res, refusal(503, damaged.message));
      if (isWriteCall(call) && o.versions) {
        phase = 'checking';
        let stale: GuardRefusal | undefined;
        try { stale = await o.versions.check(call, session); } catch (e) { stale = refusal(500, failureMessage(e instanceof Error ? e.message : String(e))); }
        if (stale) {
          o.log(`Back-office : « ${action} » refusé (${stale.status}) : ${stale.error}`);
          return sendRefusal(res, stale);
        }
        if (gone()) return dropped('pendant sa vérification (son client est parti)');
      }
      if (isWriteCall(call) && o.hooks.beforeAction) {
        phase = 'checking';
        let refused: GuardRefusal | undefined;
        try { refused = await o.hooks.beforeAction(call); } catch (e) { refused = refusal(500, failureMessage(e instanceof Error ? e.message : String(e))); }
        const now = refused && refused.status >= 500 ? o.health?.check(true) : undefined;
        if (now && !now.ok) refused = refusal(503, now.message);
        if (refused) {
          o.onRefusal?.(action, refused);
          return sendRefusal(res, refused);
        }
        // Its client left (or was answered 503) during the checks: the write is not started.
        if (gone()) return dropped('pendant sa vérification (son client est parti)');
      }
      phase = 'running';
      let code: number;
      const who = !isWrite(action) ? undefined : identity ? (o.author ?? ((i: Identity) => i))(identity) : o.defaultAuthor;
      const handled = asAuthor(who, isWrite(action) ? o.gitEnv?.(req) : undefined, () => decap.handle(req, res, call.action === 'info' ? { action, params: {} } : call, mapFor(action)));
      work = handled;
      try { code = await handled; } catch (e) {
        code = 500;
        if (!res.headersSent) sendRefusal(res, refusal(500, failureMessage(e instanceof Error ? e.message : String(e))));
      }
      if (isWrite(action) && (clientLeft || timedOut || req.socket.destroyed)) o.log(`Back-office : « ${action} » terminé (code ${code}) après ${timedOut ? 'sa réponse 503 (délai dépassé)' : 'le départ de son client'}.`);
      deliver(res, action);
      // A draft that does not exist yet is Decap's normal question, not a failure.
      const failed = code >= 400 && !(action === 'unpublishedEntry' && code === 404);
      // The repository is checked before it is cleaned: a damaged one is left as it is.
      if (failed && o.health && !o.health.check(true).ok) o.log(`Back-office : « ${action} » a échoué sur un dépôt endommagé : aucun nettoyage, écritures suspendues.`);
      else if (failed) await afterFailure(action);
      else {
        // What this session now has opened (its reads), or made (its writes): still in its turn.
        if (code < 400) await o.versions?.record(call, session).catch((e: unknown) => o.log(`Versions ouvertes non notées (« ${action} ») : ${e instanceof Error ? e.message : String(e)}`));
        o.onSuccess?.(action, { call, author: who, req });
      }
    };

    try {
      await queue(task);
    } catch (e) {
      if (!(e instanceof TaskTimeout)) throw e;
      o.log(`Back-office : « ${action} » bloqué depuis ${s(t.stuckMs)} (${PHASE[phase]}) : abandonné par la file d’attente ; le dépôt sera remis en état avant l’appel suivant.`);
      if (!res.headersSent) sendRefusal(res, refusal(503, `Le back-office n’a pas répondu à temps (${s(t.stuckMs)}) : réessayez dans un instant.`));
      if (work) {
        const since = Date.now() - t.stuckMs;
        const mine = { action, since, done: work.catch(() => undefined) };
        leftover = mine;
        void mine.done.then(() => {
          if (leftover === mine) leftover = undefined;
          o.log(`Back-office : l’opération bloquée « ${action} » s’est terminée après ${s(Date.now() - since)}.`);
          cleanUp = action;
        });
      } else {
        cleanUp = action;
      }
    } finally {
      clearTimeout(timer);
    }
  };
}
