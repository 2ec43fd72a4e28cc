/**
 * decap-server's own middleware (MODE=git) on a free port, in-process, on a given repository,
 * with the guard's hooks called around each call as the gate does it: the call parsed by the
 * gate's schemas (actions/parse.ts), beforeAction before a write (a refusal is answered without
 * running it), afterFailure after a failed call.
 */
import { createRequire } from 'node:module';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GateHooks } from '../../backoffice/guard/guard.ts';
import { isWriteCall, parseCall } from '../../backoffice/actions/parse.ts';
import { isWrite } from '../../backoffice/actions/kinds.ts';

const require = createRequire(import.meta.url);
interface App { listen(port: number, host: string, cb: () => void): Server }

export interface LocalDecap {
  url: string;
  /** One API call; `hooks` as the gate calls them (none: decap-server alone, as on main). */
  call(action: string, params: Record<string, unknown>, hooks?: GateHooks): Promise<{ status: number; json: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startLocalDecap(repoDir: string): Promise<LocalDecap> {
  const express = require('express') as () => App;
  const { registerLocalGit } = require('decap-server/dist/middlewares.js') as { registerLocalGit(app: App, o: { logLevel?: string }): Promise<void> };
  const app = express();
  const previous = process.env['GIT_REPO_DIRECTORY'];
  process.env['GIT_REPO_DIRECTORY'] = repoDir; // read once, at registration
  await registerLocalGit(app, { logLevel: 'error' });
  if (previous === undefined) delete process.env['GIT_REPO_DIRECTORY']; else process.env['GIT_REPO_DIRECTORY'] = previous;
  const server = await new Promise<Server>((ok) => { const s = app.listen(0, '127.0.0.1', () => ok(s)); });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  return {
    url,
    async call(action, params, hooks) {
      const full = { branch: 'main', ...params };
      if (hooks) {
        const parsed = parseCall({ action, params: full }, 'main');
        if (!parsed.ok) return { status: parsed.refusal.status, json: { error: parsed.refusal.error } };
        const refusal = isWriteCall(parsed.call) ? await hooks.beforeAction?.(parsed.call) : undefined;
        if (refusal) return { status: refusal.status, json: { error: refusal.error, ...(refusal.problems ? { problems: refusal.problems } : {}) } };
      }
      const res = await post(url, JSON.stringify({ action, params: full }));
      let json: Record<string, unknown> = {};
      try { json = JSON.parse(res.body) as Record<string, unknown>; } catch { /* not JSON */ }
      if (res.status >= 400 && isWrite(action)) await hooks?.afterFailure?.(action);
      return { status: res.status, json };
    },
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

/** One POST on a fresh connection (no keep-alive: a reused socket closed by the server reset a call under load). */
function post(url: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}
