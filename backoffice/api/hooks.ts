/**
 * What the call queue (calls.ts) calls around each write: the publication guard's checks before
 * it (backoffice/guard/) and the repository's clean-up after a failed one. The guard is the
 * default; tests and benchmarks bring their own (StackOptions.hooks).
 */
import type { TypedCall, WriteCall } from '../actions/parse.ts';
import type { Action } from '../actions/kinds.ts';
import type { GuardRefusal } from '../refusal.ts';

/**
 * Hook points for the pre-publication checks and the repository clean-up (see StackOptions.hooks).
 * They receive the call as the gate parsed it (actions/parse.ts): typed params, never a cast.
 */
export interface GateHooks {
  /** Called (serialised, before decap-server) for each accepted write call; a refusal is answered as JSON with its status. */
  beforeAction?(call: WriteCall): Promise<GuardRefusal | undefined>;
  /** Called after decap-server failed a call (status ≥ 400 or exception), before the next call runs. */
  afterFailure?(action: Action): Promise<void>;
  /**
   * The publication checks on a tree the published branch would take from elsewhere (commits
   * fetched from the content remote, git/sync.ts): the refusal an editor's publication of that
   * tree would get, or undefined.
   */
  checkTree?(tree: string): Promise<GuardRefusal | undefined>;
  /**
   * Stops what the hooks run in the background (the guard's check worker, which checks the
   * published tree at start and writes its mirror meanwhile): called when the server stops.
   */
  close?(): Promise<void>;
}

/**
 * The version checks (backoffice/versions/opened.ts: no lost update), called in the queue like
 * the guard's hooks, with the session the call comes from (a browser's, or a signed-in person's).
 */
export interface VersionHooks {
  /** Before a write (before the guard's checks): a refusal (409) when it is based on an older version. */
  check(call: WriteCall, session: string | undefined): Promise<GuardRefusal | undefined>;
  /** After a call decap-server answered with success: what the session now has opened. */
  record(call: TypedCall, session: string | undefined): Promise<void>;
}
