/**
 * The drafts' media kept for the previews (backoffice/preview/draft-media.ts): only media of the
 * site by name and content, SVG sanitised, named by hash, bounded; served back only to this
 * server's own pages, with headers that keep a file from acting as a page.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DRAFT_MEDIA_PATH, MAX_DRAFT_MEDIA, draftMediaStore, mediaPathOf } from '../../backoffice/preview/draft-media.ts';
import { png } from '../helpers/png.ts';

const dir = mkdtempSync(join(tmpdir(), 'eig-draft-media-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');

/** A GET on the store's handler: status, headers and body, once answered. */
async function get(store: ReturnType<typeof draftMediaStore>, url: string, headers: Record<string, string> = {}) {
  const out = { status: 0, headers: {} as Record<string, unknown> };
  // A stand-in for the response: a stream with writeHead (the handler uses nothing else).
  const stream = new PassThrough();
  const res = Object.assign(stream, { writeHead: (s: number, h: Record<string, unknown>) => { out.status = s; out.headers = h; } }) as unknown as ServerResponse;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((ok) => stream.on('end', ok));
  const handled = store.serve({ method: 'GET', url, headers } as unknown as IncomingMessage, res);
  if (handled) await ended;
  return { handled, body: Buffer.concat(chunks), ...out };
}

describe('draftMediaStore', () => {
  const store = draftMediaStore(dir);

  it('keeps an image by its hash and gives it to the preview under its media path', () => {
    const kept = store.put('img/apercu.png', b64(png(4, 4)));
    if (!('sha' in kept)) throw new Error(kept.problem);
    expect(kept.sha).toMatch(/^[0-9a-f]{64}$/);
    const { overlay, unknown } = store.overlay({ 'img/apercu.png': kept.sha, 'img/autre.png': 'f'.repeat(64) });
    expect(overlay).toEqual([['apercu.png', { file: join(dir, `${kept.sha}.png`), url: `${DRAFT_MEDIA_PATH}/${kept.sha}.png` }]]);
    expect(unknown).toEqual(['img/autre.png']);
  });

  it('refuses what is not a medium of the site, by name or by content, and unsafe names', () => {
    expect(store.put('img/x.png', b64('<script>alert(1)</script>'))).toMatchObject({ problem: expect.stringMatching(/ne correspond pas à son extension/) as unknown });
    expect(store.put('img/x.html', b64('<p>'))).toMatchObject({ problem: expect.stringMatching(/type de fichier refusé/) as unknown });
    expect(store.put('img/../../etc/x.png', b64(png(2, 2)))).toEqual({ problem: 'nom de fichier invalide' });
    expect(mediaPathOf('/img/a b.png')).toBe('a b.png');
  });

  it('sanitises an SVG as an upload is', () => {
    const kept = store.put('img/dessin.svg', b64('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect onclick="x()" width="2" height="2"/></svg>'));
    if (!('sha' in kept)) throw new Error(kept.problem);
    const svg = readFileSync(join(dir, `${kept.sha}.svg`), 'utf8');
    expect(svg).not.toMatch(/script|onclick/);
  });

  it('serves a kept file to this site only, as an inert file', async () => {
    const kept = store.put('img/apercu.png', b64(png(4, 4)));
    if (!('sha' in kept)) throw new Error(kept.problem);
    const url = `${DRAFT_MEDIA_PATH}/${kept.sha}.png`;
    const ok = await get(store, url, { 'sec-fetch-site': 'same-origin' });
    expect(ok.status).toBe(200);
    expect(ok.body.equals(png(4, 4))).toBe(true);
    expect(ok.headers).toMatchObject({ 'Content-Type': 'image/png', 'X-Content-Type-Options': 'nosniff', 'Cross-Origin-Resource-Policy': 'same-origin' });
    expect(String(ok.headers['Content-Security-Policy'])).toMatch(/default-src 'none'.*sandbox/);
    expect((await get(store, url, { 'sec-fetch-site': 'cross-site' })).status).toBe(404);
    expect((await get(store, `${DRAFT_MEDIA_PATH}/${'0'.repeat(64)}.png`)).status).toBe(404);
    expect((await get(store, `${DRAFT_MEDIA_PATH}/${kept.sha}.svg`)).status).toBe(404);
    expect((await get(store, '/admin/autre')).handled).toBe(false);
  });

  it('keeps at most MAX_DRAFT_MEDIA files, dropping the oldest', () => {
    const small = draftMediaStore(mkdtempSync(join(dir, 'b-')));
    let first = '';
    for (let i = 0; i < MAX_DRAFT_MEDIA + 3; i++) {
      const kept = small.put('img/n.png', b64(png(1, i + 1)));
      if ('sha' in kept && i === 0) first = kept.sha;
    }
    expect(small.overlay({ 'img/n.png': first }).unknown).toEqual(['img/n.png']);
    expect(readdirSync(join(dir, readdirSync(dir).find((f) => f.startsWith('b-'))!)).length).toBe(MAX_DRAFT_MEDIA);
  });
});
