/**
 * POST /admin/apercu holds few bodies at once (issue #17: 50 parallel previews of 3.9 MB took
 * the server from 350 to 842 MB). The preview service on a server of its own; its previews here
 * never reach the renderer (stalled bodies, or drafts the checks refuse), so no worker starts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request, type ClientRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PREVIEW_PATH, previewService, type PreviewService } from '../../backoffice/preview/service.ts';

let server: Server;
let port = 0;
let service: PreviewService;
let received = 0;
/** Bodies held at once (the service's default is MAX_PREVIEWS_IN_FLIGHT). */
const N = 3;
const dir = mkdtempSync(join(tmpdir(), 'eig-preview-bound-'));

beforeAll(async () => {
  service = previewService({
    codeRoot: dir, siteUrl: () => 'http://127.0.0.1', repoDir: dir, baseDir: join(dir, 'base'),
    servedRoot: () => dir, port: () => port, log: () => {}, maxInFlight: N,
  });
  server = createServer((req, res) => {
    received++;
    void service.handler(req, res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((ok) => server.close(() => ok()));
  await service.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A draft the checks refuse (no collection), padded to `size` bytes: read in full, then answered 422. */
const padded = (size: number) => {
  const head = Buffer.from('{"data":{},"pad":"');
  return Buffer.concat([head, Buffer.alloc(size - head.length - 2, 'x'), Buffer.from('"}')]);
};
const BIG = padded(3.9 * 1024 * 1024);

const open = (length: number): ClientRequest => request({
  host: '127.0.0.1', port, method: 'POST', path: PREVIEW_PATH, agent: false,
  headers: { 'Content-Type': 'application/json', 'Content-Length': length },
});
/** A preview whose body never ends: it holds its slot while the server waits for the rest. */
const stalled = (): ClientRequest => {
  const req = open(BIG.length);
  req.on('error', () => {});
  req.write(BIG.subarray(0, 1024));
  return req;
};
/** A whole preview: its status and error. */
const send = (body: Buffer): Promise<{ status: number; error: string }> => new Promise((ok, fail) => {
  const req = open(body.length);
  req.on('response', (res) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => ok({ status: res.statusCode ?? 0, error: String((JSON.parse(Buffer.concat(chunks).toString()) as { error?: unknown }).error) }));
  });
  // The server may answer (503) before the body is sent, then close: the answer is what counts.
  req.on('error', fail);
  req.end(body);
});
const until = async (what: () => boolean, label: string) => {
  for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(what(), label).toBe(true);
};

describe('preview bodies in flight', () => {
  it('holds at most N bodies (maxInFlight): 50 parallel previews of 3.9 MB, the others answered 503 in French', async () => {
    const before = received;
    const held = Array.from({ length: N }, stalled);
    await until(() => received === before + N, 'the stalled previews reached the server');
    const others = await Promise.all(Array.from({ length: 50 - N }, () => send(BIG)));
    expect(received).toBe(before + 50);
    for (const r of others) {
      expect(r.status).toBe(503);
      expect(r.error).toBe('Trop d’aperçus en cours : réessayez dans un instant.');
    }
    expect(service.inFlight()).toBe(N);

    // An aborted preview frees its slot: the next one is read (and refused by the draft checks, 422).
    held[0]!.destroy();
    await until(() => service.inFlight() === N - 1, 'the aborted preview freed its slot');
    const next = await send(padded(1000));
    expect(next.status).toBe(422);
    expect(next.error).toMatch(/^Aperçu refusé : collection invalide/);
    await until(() => service.inFlight() === N - 1, 'an answered preview frees its slot');

    for (const r of held) r.destroy();
    await until(() => service.inFlight() === 0, 'every slot is free once the clients are gone');
  });
});
