/**
 * Sessions of the team back-office: a random id (32 bytes) in a signed cookie, the session in
 * this process's memory. Why not a session library: the server is one Node process without
 * Express/Koa middleware chains (node:http), the store needs three operations (create, read
 * with expiry, delete), and a restart logging everyone out is acceptable for 3–5 editors (their
 * drafts are in git); the cookie carries no data, so nothing to decrypt or trust in it.
 * - `HttpOnly`, `SameSite=Lax` (the provider's redirect back to /auth/callback is a cross-site
 *   top-level navigation: `Strict` would drop the login cookie there), `Path=/`;
 * - `Secure` and the `__Host-` prefix whenever the back-office URL is https; a loopback http URL
 *   (tests, one machine) cannot keep a Secure cookie in every browser, so it goes without;
 * - a NEW id at each sign-in (never reusing a pre-login id: no fixation), idle and absolute
 *   expiry checked on each request, logout deletes it server-side.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface SessionTimes { idleMs: number; absoluteMs: number }
/** Two hours without a request; twelve hours at most (a working day). */
export const SESSION_TIMES: SessionTimes = { idleMs: 2 * 3600_000, absoluteMs: 12 * 3600_000 };

export interface Store<T> {
  create(data: T): string;
  /** The session's data, or why there is none. */
  read(req: IncomingMessage): { data: T; id: string } | { expired: boolean };
  destroy(id: string): void;
  cookie(id: string, maxAgeS?: number): string;
  clear(): string;
  readonly name: string;
}

export function cookiesOf(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}

/** A signed-id store: `name` (prefixed `__Host-` when secure), times, a clock for tests. */
export function sessionStore<T>(name: string, secret: string, secure: boolean, times: SessionTimes, now: () => number = Date.now): Store<T> {
  const cookieName = secure ? `__Host-${name}` : name;
  const sessions = new Map<string, { data: T; created: number; seen: number }>();
  const sign = (id: string) => createHmac('sha256', secret).update(`${cookieName}.${id}`).digest('base64url');
  const valid = (value: string): string | undefined => {
    const [id, mac] = value.split('.');
    if (!id || !mac) return undefined;
    const a = Buffer.from(mac); const b = Buffer.from(sign(id));
    return a.length === b.length && timingSafeEqual(a, b) ? id : undefined;
  };
  const attributes = (maxAgeS?: number) => `Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}${maxAgeS !== undefined ? `; Max-Age=${maxAgeS}` : ''}`;
  // Expired sessions are forgotten as they are met, and swept every 10 minutes.
  setInterval(() => {
    const t = now();
    for (const [id, s] of sessions) if (t - s.seen > times.idleMs || t - s.created > times.absoluteMs) sessions.delete(id);
  }, 600_000).unref();
  return {
    name: cookieName,
    create(data) {
      const id = randomBytes(32).toString('base64url');
      sessions.set(id, { data, created: now(), seen: now() });
      return id;
    },
    read(req) {
      const value = cookiesOf(req).get(cookieName);
      const id = value && valid(value);
      if (!id) return { expired: false };
      const s = sessions.get(id);
      if (!s) return { expired: true };
      const t = now();
      if (t - s.seen > times.idleMs || t - s.created > times.absoluteMs) { sessions.delete(id); return { expired: true }; }
      s.seen = t;
      return { data: s.data, id };
    },
    destroy(id) { sessions.delete(id); },
    cookie: (id, maxAgeS) => `${cookieName}=${id}.${sign(id)}; ${attributes(maxAgeS ?? Math.round(times.absoluteMs / 1000))}`,
    clear: () => `${cookieName}=; ${attributes(0)}`,
  };
}
