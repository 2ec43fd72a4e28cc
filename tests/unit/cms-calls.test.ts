/**
 * The call queue (backoffice/api/calls.ts) with a decap-server stand-in whose calls the test
 * ends when it wants: a call given up while decap-server still works on it keeps the repository
 * to itself (every other call answered 503 at once, none handed to decap-server) until it ends,
 * then the repository is cleaned up before the next call. The real stack's cases are in
 * tests/e2e/backoffice-queue.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callRunner } from '../../backoffice/api/calls.ts';
import type { DecapApp } from '../../backoffice/api/decap.ts';

const events: string[] = [];
const logs: string[] = [];
/** Calls the stand-in holds, by path: resolve to let it answer. */
const holding = new Map<string, () => void>();
let server: Server;
let url = '';

/** Answers 200 `{path}` at once, or when released for a path starting with `attente`. */
const decap: DecapApp = {
  lastError: () => undefined,
  async handle(_req, res: ServerResponse, body) {
    const path = String((body as { params: { path: string } }).params.path);
    events.push(`decap ${path}`);
    if (path.startsWith('attente')) await new Promise<void>((ok) => holding.set(path, ok));
    if (!res.headersSent) { res.writeHead(200, { 'Content-Type': 'application/json' }); res.end(JSON.stringify({ path })); }
    return 200;
  },
};

beforeAll(async () => {
  const run = callRunner({
    decap: () => decap, log: (l) => logs.push(l), mapAnswer: (_s, b) => b,
    hooks: { afterFailure: async (action) => { events.push(`nettoyage ${action}`); } },
    timeouts: { answerMs: 1000, stuckMs: 2000, deliverMs: 1000 },
  });
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { action, path } = JSON.parse(Buffer.concat(chunks).toString()) as { action: 'getEntry' | 'persistMedia'; path: string };
      // Calls as the gate gives them (actions/parse.ts); the fake decap-server reads the path.
      void run(req, res, action === 'getEntry'
        ? { action, params: { branch: 'main', path } }
        : { action, params: { branch: 'main', path, asset: { path: 'media/a.png', content: '', encoding: 'base64' }, options: { commitMessage: 'm' } } });
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((ok) => server.close(() => ok()));
});

const post = async (action: string, path: string) => {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify({ action, path }), signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: (await res.json()) as { error?: string; path?: string } };
};
const until = async (what: () => boolean) => {
  for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(what()).toBe(true);
};

describe('call queue', () => {
  it('keeps the repository for a call given up while decap-server still works on it, then cleans up before the next', async () => {
    const stuck = await post('persistMedia', 'attente-1');
    expect(stuck.status).toBe(503);
    expect(stuck.body.error).toMatch(/^Le back-office n’a pas répondu à temps \(1 s\) : l’opération continue et peut encore aboutir/);
    await until(() => logs.some((l) => /« persistMedia » bloqué/.test(l)));

    // Given up by the queue, still running in decap-server: nothing else is handed to it.
    const refused = await post('getEntry', 'content/a.md');
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatch(/encore occupé par une opération bloquée \(« persistMedia »/);
    expect(events).toEqual(['decap attente-1']);

    // It ends: its late answer goes nowhere, the repository is cleaned up, then calls run again.
    holding.get('attente-1')!();
    await until(() => logs.some((l) => /l’opération bloquée « persistMedia » s’est terminée/.test(l)));
    const next = await post('getEntry', 'content/b.md');
    expect(next).toEqual({ status: 200, body: { path: 'content/b.md' } });
    expect(events).toEqual(['decap attente-1', 'nettoyage persistMedia', 'decap content/b.md']);
    expect(logs.join('\n')).toMatch(/« persistMedia » terminé \(code 200\) après sa réponse 503/);
  });
});
