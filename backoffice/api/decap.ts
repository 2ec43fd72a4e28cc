/**
 * decap-server's git middleware, in this process, on an Express app of its own: no second port
 * listens, and the gate (cms-gate.ts) sees every request before it.
 *
 * What decap-server 3.11 does at registration (read from dist/middlewares.js):
 * - the repository is `process.env.GIT_REPO_DIRECTORY`, read ONCE, synchronously, when
 *   `registerLocalGit` is called (before its first await); CORS reads `process.env.ORIGIN` at the
 *   same moment. So each stack sets both, calls it, and restores them at once: several stacks in
 *   one process (the tests) each keep their own repository.
 * - it creates its winston logger at the same moment (`winston.createLogger`): we hand it ours,
 *   so the real cause of a failed call (ENOSPC, EACCES…) reaches the gate instead of the bare
 *   `{"error":"Unknown error"}` decap-server answers.
 * - `express.json()` skips a request whose `_body` flag is set: the gate parses (and caps) the body.
 * - it answers every call with `res.json` (its errors too: `res.status(…).json`), ONCE, after its
 *   git work is over (the branch switched back, its own mutex released right after). So a call is
 *   over when decap-server calls `res.json`, not when the client has read the answer: a client
 *   that reads slowly, or left, holds nothing (issue #17: waiting for the response's `finish` or
 *   `close` froze the queue when the client never read, or had gone before its turn).
 */
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';

const require = createRequire(import.meta.url);

type Next = (err?: unknown) => void;
type Middleware = (req: IncomingMessage & { body?: unknown }, res: ServerResponse & { json(body: unknown): unknown }, next: Next) => void;
/** The part of an Express 4 app used here (express ships with decap-server; no @types/express). */
interface ExpressApp {
  (req: IncomingMessage, res: ServerResponse, next?: Next): void;
  use(mw: Middleware): void;
}
interface Logger { error(m: string): void; warn(m: string): void; info(m: string): void; debug(m: string): void }

export interface DecapApp {
  /**
   * Hands one parsed, checked call to decap-server; resolves with its status once decap-server
   * has answered (its git work is over), whether or not the client is still there to read it. An
   * answer already sent (the gate's 503 after a timeout) is not sent again: decap-server's late one is dropped.
   */
  handle(req: IncomingMessage, res: ServerResponse, body: unknown, mapResponse: (status: number, body: unknown) => unknown): Promise<number>;
  /** The message of the last error decap-server logged (cleared before each call). */
  lastError(): string | undefined;
}

export async function decapApp(repoDir: string, origin: string, log: (line: string) => void, level: 'error' | 'warn' | 'info' | 'debug' = 'warn'): Promise<DecapApp> {
  const express = require('express') as () => ExpressApp;
  const middlewares = require('decap-server/dist/middlewares') as { registerLocalGit(app: ExpressApp, o: { logLevel?: string }): Promise<void> };
  const winston = require(require.resolve('winston', { paths: [require.resolve('decap-server/dist/middlewares')] })) as { createLogger: unknown };

  let lastError: string | undefined;
  /** The body of the call in progress (for the logger: decap-server's error lines repeat it). */
  let current: unknown;
  /** The call each response belongs to. */
  const calls = new WeakMap<ServerResponse, { map: (status: number, body: unknown) => unknown; answered: (status: number) => void }>();
  const rank = { error: 0, warn: 1, info: 2, debug: 3 } as const;
  const say = (l: keyof typeof rank) => (m: string) => { if (rank[l] <= rank[level]) log(`[decap-server] ${m.length > 500 ? `${m.slice(0, 500)}…` : m}`); };
  const logger: Logger = {
    error(m: string) {
      // "Error handling <JSON body>: <message>": keep the message only (the body may be megabytes).
      const prefix = current !== undefined ? `Error handling ${JSON.stringify(current)}: ` : '';
      lastError = prefix && m.startsWith(prefix) ? m.slice(prefix.length) : m.slice(m.lastIndexOf('}: ') + 3);
      say('error')(`erreur : ${lastError}`);
    },
    warn: say('warn'), info: say('info'), debug: say('debug'),
  };

  const app = express();
  // Runs first: lets the gate rewrite decap-server's answers (its 500 "Unknown error", its 422s),
  // and tells handle() that the call is over.
  app.use((_req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const call = calls.get(res);
      if (!call) return json(body);
      calls.delete(res);
      // Already answered (a timeout): express would throw "headers already sent" inside
      // decap-server's handler (an unhandled rejection); the late answer goes nowhere.
      const out = res.headersSent ? res : json(call.map(res.statusCode, body));
      call.answered(res.statusCode);
      return out;
    };
    next();
  });

  const saved = { repo: process.env['GIT_REPO_DIRECTORY'], origin: process.env['ORIGIN'], create: winston.createLogger };
  let registered: Promise<void>;
  try {
    process.env['GIT_REPO_DIRECTORY'] = repoDir;
    process.env['ORIGIN'] = origin;
    winston.createLogger = () => logger;
    registered = middlewares.registerLocalGit(app, { logLevel: level });
  } finally {
    const restore = (k: string, v: string | undefined) => { if (v === undefined) delete process.env[k]; else process.env[k] = v; };
    restore('GIT_REPO_DIRECTORY', saved.repo);
    restore('ORIGIN', saved.origin);
    winston.createLogger = saved.create;
  }
  await registered;

  return {
    lastError: () => lastError,
    handle(req, res, body, mapResponse) {
      lastError = undefined;
      current = body;
      const r = req as IncomingMessage & { body?: unknown; _body?: boolean };
      r.body = body;
      r._body = true; // express.json() leaves it alone
      return new Promise<number>((done) => {
        const answered = (status: number) => { if (current === body) current = undefined; done(status); };
        calls.set(res, { map: mapResponse, answered });
        app(req, res, (err?: unknown) => {
          // Nothing in decap-server answered (should not happen: it answers every POST /api/v1).
          calls.delete(res);
          if (!res.headersSent) {
            lastError = err instanceof Error ? err.message : undefined;
            res.statusCode = 500;
            res.setHeader('Content-Type', 'application/json; charset=utf-8');
            res.end(JSON.stringify(mapResponse(500, { error: 'no route' })));
          }
          answered(500);
        });
      });
    },
  };
}
