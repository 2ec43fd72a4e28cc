/**
 * The back-office call queue always moves on (issue #17, item 3). On the code before this test,
 * each case froze every later /api/v1 call until a restart:
 * - a call whose client left while it waited for its turn (a closed tab, an aborted fetch);
 * - clients that never read a large `getMediaFile` answer;
 * - a call that never ends (here: a pre-publication check that never returns).
 * The stack runs `npm start`'s core in this process, with short timeouts so the test is quick;
 * its own hooks hold a call where the test wants it.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestStack, type TestStack } from '../helpers/stack.ts';
import { git } from '../../backoffice/git/repo.ts';

let t: TestStack;
let api: string;
const failures: string[] = [];
/** Writes the hook holds (by slug) until the test releases them. */
const holds = new Map<string, { entered: () => void; released: Promise<void> }>();
function holdCall(slug: string): { entered: Promise<void>; release: () => void } {
  let entered = () => {};
  let release = () => {};
  const e = new Promise<void>((ok) => { entered = ok; });
  const released = new Promise<void>((ok) => { release = ok; });
  holds.set(slug, { entered, released });
  return { entered: e, release };
}

beforeAll(async () => {
  t = await startTestStack(inject('distDir'), {
    callTimeouts: { answerMs: 4000, stuckMs: 8000, deliverMs: 3000 },
    hooks: {
      beforeAction: async (call) => {
        const slug = call.action === 'persistEntry' ? call.params.entry?.slug ?? '' : '';
        if (slug === 'bloque') return new Promise(() => {}); // never settles
        const h = holds.get(slug);
        if (h) { h.entered(); await h.released; }
        return undefined;
      },
      afterFailure: async (action) => { failures.push(action); },
    },
  });
  api = `${t.stack.url}/api/v1`;
}, 600_000);

afterAll(async () => { await t?.close(); });

const body = (action: string, params: Record<string, unknown> = {}) => JSON.stringify({ action, params: { branch: 'main', ...params } });
const draft = (slug: string) => body('persistEntry', {
  entry: { slug, path: `content/blog/${slug}.md`, raw: `---\ntitle: ${slug}\n---\nTexte.\n` }, assets: [],
  options: { collectionName: 'articles', commitMessage: `write ${slug}`, useWorkflow: true, status: 'draft' },
});
const post = (b: string, signal?: AbortSignal) => fetch(api, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: b, ...(signal ? { signal } : {}) });
/** A read any editor makes: it must be answered (20 s is far beyond the timeouts above). */
const readAnswered = async () => {
  const res = await post(body('getEntry', { path: 'content/cgu.md' }), AbortSignal.timeout(20_000));
  expect(res.status).toBe(200);
  expect(((await res.json()) as { file?: { path?: string } }).file?.path).toBe('content/cgu.md');
};
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const branches = () => git(t.stack.repoDir, ['branch', '--list', 'cms/*']);

describe('back-office call queue', () => {
  it('drops calls whose client left while they waited (a read and a write), and answers the next one', async () => {
    const first = holdCall('premier');
    const running = post(draft('premier'));
    await first.entered; // the queue is busy with this write
    const read = new AbortController();
    const write = new AbortController();
    const gone = [post(body('getEntry', { path: 'content/cgu.md' }), read.signal), post(draft('abandon'), write.signal)].map((p) => p.catch((e: unknown) => e));
    await sleep(500); // both are read and waiting for their turn
    read.abort();
    write.abort();
    await Promise.all(gone);
    await sleep(200);
    first.release();
    expect((await running).status).toBe(200);
    await readAnswered();
    // The abandoned write never ran: no draft branch, and the terminal says so.
    expect(branches()).toContain('cms/articles/premier');
    expect(branches()).not.toContain('cms/articles/abandon');
    expect(t.logs.join('\n')).toMatch(/persistEntry.*abandonn/);
  });

  it('does not wait for clients that never read a large answer, and cuts them after a while', async () => {
    // A 24 MB medium (32 MB of base64 JSON: more than the loopback buffers take). Written in the
    // working tree, which decap-server reads on the published branch.
    writeFileSync(join(t.stack.repoDir, 'media', 'gros.bin'), randomBytes(24 * 1024 * 1024));
    const request = body('getMediaFile', { path: 'media/gros.bin' });
    const sockets: Socket[] = [];
    for (let i = 0; i < 2; i++) {
      const s = connect(t.stack.port, '127.0.0.1');
      s.pause(); // never reads
      s.on('error', () => {});
      s.write(`POST /api/v1 HTTP/1.1\r\nHost: 127.0.0.1:${t.stack.port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(request)}\r\n\r\n${request}`);
      sockets.push(s);
    }
    try {
      await sleep(1000);
      await readAnswered();
      // Their answers are not kept forever: the connections are cut (logged).
      for (let i = 0; i < 100 && !/getMediaFile.*non lue/.test(t.logs.join('\n')); i++) await sleep(200);
      expect(t.logs.join('\n')).toMatch(/getMediaFile.*non lue/);
    } finally {
      for (const s of sockets) s.destroy();
    }
  });

  it('ends a call that never finishes with a French 503, logs it, and moves on after cleaning up the repository', async () => {
    const before = failures.length;
    const res = await post(draft('bloque'), AbortSignal.timeout(20_000));
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const answer = (await res.json()) as { error?: string };
    expect(answer.error).toMatch(/n’a pas répondu à temps/);
    expect(t.logs.join('\n')).toMatch(/persistEntry.*sans réponse/);
    // The queue gives it up after stuckMs (a read sent now would get its own 503 before that).
    for (let i = 0; i < 100 && !/persistEntry.*bloqué/.test(t.logs.join('\n')); i++) await sleep(200);
    expect(t.logs.join('\n')).toMatch(/persistEntry.*bloqué/);
    await readAnswered();
    expect(failures.length).toBeGreaterThan(before); // the clean-up ran before the next call
    expect(branches()).not.toContain('cms/articles/bloque');
  });
});
