/**
 * Who makes a request: the hook a team back-office (backoffice/team/) plugs its login into. The
 * embedded back-office of `npm start` has none: every request of the local machine is the one
 * editor. Wired by server/handlers.ts (called first, right after the Host check) and
 * api/calls.ts (the identity's commits).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypedCall } from './actions/parse.ts';
import type { GuardRefusal } from './refusal.ts';

/** Who makes a request, once a team back-office authenticates it (see StackOptions.authenticate). */
export interface Identity {
  /** Shown in commits (git author name) and in the back-office. */
  name: string;
  /** The git author e-mail of the commits this person's calls make. */
  email: string;
  /**
   * The sign-in session the request belongs to: which versions of the entries it opened are
   * kept per session (backoffice/versions/), so one person in two browsers is two sessions.
   */
  session?: string | undefined;
  /**
   * The team back-office's role check (backoffice/team/roles.ts): a checked API call this person
   * may not make gets its refusal (403); `res` is the call's answer (the journal notes what it did).
   */
  authorize?(call: TypedCall, res: ServerResponse): GuardRefusal | undefined;
}

/**
 * The authentication step of a team back-office: called for every request (after the Host
 * check, before the API, the previews, the status and the site). Resolves with the identity of
 * the person making it, or `'handled'` once it has answered itself (a redirect to the login
 * page, a 401…): nothing else runs for that request.
 */
export type Authenticate = (req: IncomingMessage, res: ServerResponse) => Promise<Identity | 'handled'>;
