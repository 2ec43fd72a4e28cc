/**
 * Which version of each file every browser session opened (the version checks' memory, in this
 * process: a restart forgets it, as the team back-office's sign-ins). A session is a key: in the
 * team back-office the signed-in person's session (Identity.session), in `npm start` a cookie
 * this server sets (`localSession`). Bounded: the sessions seen least recently go first.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The version a session opened of a file: its blob, or null when it saw the file absent. */
export type Opened = string | null;

export interface OpenedStore {
  /** What `session` opened of `path` (undefined: never opened it). */
  get(session: string, path: string): Opened | undefined;
  set(session: string, path: string, version: Opened): void;
  /** Starts a session (an id this server gave out), or says whether one is known. */
  start(session: string): void;
  has(session: string): boolean;
}

/** 500 sessions of 20,000 files at most (the imported corpus has ≈ 1,300 entries and media). */
export function openedStore(maxSessions = 500, maxFiles = 20_000): OpenedStore {
  const sessions = new Map<string, Map<string, Opened>>();
  /** The session's files, the session moved to the most recent end (Map keeps insertion order). */
  const touch = (session: string): Map<string, Opened> => {
    let files = sessions.get(session);
    if (files) sessions.delete(session);
    else files = new Map();
    sessions.set(session, files);
    while (sessions.size > maxSessions) sessions.delete(sessions.keys().next().value!);
    return files;
  };
  return {
    get: (session, path) => sessions.get(session)?.get(path),
    set(session, path, version) {
      const files = touch(session);
      files.delete(path);
      files.set(path, version);
      while (files.size > maxFiles) files.delete(files.keys().next().value!);
    },
    start: (session) => void touch(session),
    has: (session) => sessions.has(session),
  };
}

/** The cookie of `npm start`'s sessions: one per port (cookies do not tell ports apart). */
export const sessionCookieName = (port: number): string => `eig_edition_${port}`;

/** The value of cookie `name` in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/**
 * `npm start`'s session of a request: the id of its cookie when this server gave it out, else a
 * new random one, set on the answer (`HttpOnly`: no script reads it; `SameSite=Strict`; no
 * `Secure`: the server is plain http on loopback). It authenticates nothing (the gate's Host and
 * Origin checks do that): it only tells two browsers apart. An id this server did not give out
 * (another page of 127.0.0.1 may set cookies) is replaced.
 */
export function localSession(store: OpenedStore, port: () => number): (req: IncomingMessage, res: ServerResponse) => string {
  return (req, res) => {
    const name = sessionCookieName(port());
    const sent = cookieValue(req.headers.cookie, name);
    if (sent && /^[A-Za-z0-9_-]{43}$/.test(sent) && store.has(sent)) return sent;
    const id = randomBytes(32).toString('base64url');
    store.start(id);
    if (!res.headersSent) res.setHeader('Set-Cookie', `${name}=${id}; Path=/; HttpOnly; SameSite=Strict`);
    return id;
  };
}
