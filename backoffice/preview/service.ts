/**
 * `POST /admin/apercu`: the back-office preview of an unsaved draft, rendered by the site's own
 * pages (render/preview.ts, in a child process: render/preview-worker.ts). Behind the SAME gate
 * as `/api/v1` (cms-gate.ts): own Host (the server's host guard, then again here) and Origin,
 * POST with `Content-Type: application/json`, a body capped while it streams (413). The draft is
 * overlaid in the worker's memory on the published tree: nothing is written, nothing is built.
 *
 * Answers JSON: 200 `{html, url, ms, missing}` (the page, to show in a sandboxed frame, with the
 * required fields still empty, shown in it as placeholders: placeholders.ts), or
 * `{error, problems}` with 4xx/5xx: the draft's problems by field label, in French.
 *
 * Also `GET /_img/<variant>`: an image variant a preview asked for that the served build does
 * not have yet (an image the published pages do not use at that size), encoded on demand into
 * the shared image cache by the worker.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { MAX_BODY_BYTES, checkApiRequest, readCappedBody, refuseUnreadBody } from '../gate/gate.ts';
import { DRAFT_MEDIA_PATH, draftMediaStore } from './draft-media.ts';
import { refusal, sendRefusal } from '../refusal.ts';
import { serial } from '../api/serial.ts';
import { checkoutPublished, publishedHead } from '../git/repo.ts';
import type { PreviewAnswer, PreviewRequest } from './render.ts';
import type { WorkerIn, WorkerOut } from './worker.ts';
import { CONTENT_TYPES, type Handler } from '../server/static.ts';

export const PREVIEW_PATH = '/admin/apercu';
/** A draft is one Markdown file (2 MB at most, src/lib/content/load.ts) in JSON. */
export const PREVIEW_MAX_BYTES = 4 * 1024 * 1024;
/** The first preview may wait for the server bundle to be made (a minute or two on a busy machine). */
const WAIT_MS = 10 * 60_000;
/**
 * Previews whose body is being read or held, at most (issue #17: 50 parallel previews of 3.9 MB
 * took the server from 350 to 842 MB). The worker renders one at a time and an editor's page has
 * one in flight (each keystroke aborts the previous one): 4 lets a few editors work, and holds
 * 4 × 4 MB of bodies (and their parsed drafts) at most. The others are answered 503 at once,
 * their bodies read and dropped.
 */
export const MAX_PREVIEWS_IN_FLIGHT = 4;

export interface PreviewOptions {
  codeRoot: string;
  /** The public URL the site's builds use (the worker renders with the same server bundle). */
  siteUrl: () => string;
  /** The back-office repository: drafts are overlaid on its published branch… */
  repoDir: string;
  /** …checked out here (a worktree of the previews' own: a publication's build never moves it under a render). */
  baseDir: string;
  /** Where the drafts' media sent by the previews are kept (draft-media.ts); default `<baseDir>-media`. */
  draftMediaDir?: string;
  /** The folder the site is served from now. */
  servedRoot: () => string;
  port: () => number;
  maxBodyBytes?: number;
  /** Default MAX_PREVIEWS_IN_FLIGHT. */
  maxInFlight?: number;
  log: (line: string) => void;
}

export interface PreviewService {
  /** The server's handler (after the host guard). */
  handler: Handler;
  /** Previews whose body is being read or held now (for the tests of the bound). */
  inFlight(): number;
  stop(): Promise<void>;
}

/** A worker message without its id (distributes over the union). */
type Message = WorkerIn extends infer T ? (T extends unknown ? Omit<T, 'id'> : never) : never;
type Pending = { resolve: (m: WorkerOut) => void; timer: NodeJS.Timeout };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const NAME = /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,200}$/u;

/** The shape of a preview request, or why it is refused (the gate's checks come first). */
export function checkPreviewRequest(body: unknown): PreviewRequest | string {
  if (!isRecord(body)) return 'objet JSON attendu';
  const { collection, slug, data, media } = body;
  if (typeof collection !== 'string' || !NAME.test(collection)) return 'collection invalide';
  if (slug !== undefined && slug !== null && slug !== '' && (typeof slug !== 'string' || !NAME.test(slug))) return 'slug invalide';
  if (!isRecord(data)) return 'données de l’entrée manquantes';
  if (media !== undefined && (!isRecord(media) || Object.values(media).some((v) => typeof v !== 'string') || Object.keys(media).length > 100)) return 'médias du brouillon invalides';
  return { collection, slug: typeof slug === 'string' && slug ? slug : undefined, data, ...(media ? { media: media as Record<string, string> } : {}) };
}

export function previewService(o: PreviewOptions): PreviewService {
  const maxBytes = Math.min(o.maxBodyBytes ?? PREVIEW_MAX_BYTES, PREVIEW_MAX_BYTES);
  let worker: ChildProcess | undefined;
  let ready: Promise<void> | undefined;
  let stopped = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  /** Variants the worker may encode (names of the recent previews' images). */
  const images = new Set<string>();
  const drafts = draftMediaStore(o.draftMediaDir ?? `${o.baseDir}-media`);
  /** One preview at a time: the published tree is brought up to date between two renders. */
  const oneAtATime = serial();
  let baseHead: string | undefined;
  const base = () => {
    const head = publishedHead(o.repoDir);
    if (head !== baseHead) { checkoutPublished(o.repoDir, o.baseDir, head); baseHead = head; }
    return { contentDir: join(o.baseDir, 'content'), mediaDir: join(o.baseDir, 'media') };
  };

  const start = (): Promise<void> => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(o.codeRoot, 'backoffice/preview/worker.ts')], {
      cwd: o.codeRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', SITE_URL: o.siteUrl() },
    });
    worker = child;
    // The worker's own lines; Astro's traces of a draft that does not render are answered to the
    // editor (by field), not printed at each keystroke.
    const lines = (c: Buffer) => { for (const l of c.toString().split('\n')) if (l.startsWith('[aperçu]')) o.log(l); };
    child.stdout?.on('data', lines);
    child.stderr?.on('data', lines);
    return new Promise<void>((ok, fail) => {
      child.on('message', (m: WorkerOut) => {
        if ('ready' in m) { o.log(`Aperçus : moteur de rendu prêt en ${(m.ms / 1000).toFixed(1)} s.`); ok(); return; }
        if ('fatal' in m) { fail(new Error(m.fatal)); return; }
        const p = pending.get(m.id);
        if (p) { pending.delete(m.id); clearTimeout(p.timer); p.resolve(m); }
      });
      child.on('exit', (code) => {
        if (worker === child) { worker = undefined; ready = undefined; }
        fail(new Error(`le moteur d’aperçu s’est arrêté (code ${code})`));
        for (const [id, p] of pending) { pending.delete(id); clearTimeout(p.timer); p.resolve({ id, answer: { ok: false, status: 503, error: 'Le moteur d’aperçu s’est arrêté : réessayez.', problems: [] } }); }
      });
    });
  };

  const call = async (m: Message): Promise<WorkerOut> => {
    if (stopped) throw new Error('serveur arrêté');
    ready ??= start().catch((e: unknown) => { ready = undefined; throw e; });
    await ready;
    const id = nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => { pending.delete(id); resolve({ id, answer: { ok: false, status: 504, error: 'Aperçu trop long : réessayez.', problems: [] } }); }, WAIT_MS);
      pending.set(id, { resolve, timer });
      worker?.send({ ...m, id } as WorkerIn);
    });
  };

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    res.end(JSON.stringify(body));
  };

  /** The request's body, read (capped) and checked, or the refusal already answered. */
  const readRequest = async (req: IncomingMessage, res: ServerResponse): Promise<PreviewRequest | undefined> => {
    const body = await readCappedBody(req, maxBytes);
    if (!Buffer.isBuffer(body)) { refuseUnreadBody(req, res, body); return undefined; }
    let parsed: unknown;
    try { parsed = JSON.parse(body.toString('utf8')); } catch { sendRefusal(res, refusal(400, 'Requête refusée : JSON invalide.')); return undefined; }
    const request = checkPreviewRequest(parsed);
    if (typeof request === 'string') { sendRefusal(res, refusal(422, `Aperçu refusé : ${request}.`)); return undefined; }
    return request;
  };

  let inFlight = 0;
  const maxInFlight = o.maxInFlight ?? MAX_PREVIEWS_IN_FLIGHT;
  const preview = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const early = checkApiRequest(req, o.port(), maxBytes);
    if (early) {
      if (early.status === 413) refuseUnreadBody(req, res, early); else sendRefusal(res, early);
      return;
    }
    if (inFlight >= maxInFlight) return refuseUnreadBody(req, res, refusal(503, 'Trop d’aperçus en cours : réessayez dans un instant.'));
    // The slot is held until the answer is sent or the client leaves (an aborted preview frees
    // it at once, and its draft: the queued render finds nothing to do).
    inFlight++;
    const held: { request?: PreviewRequest | undefined } = {};
    res.once('close', () => { inFlight--; held.request = undefined; });
    held.request = await readRequest(req, res);
    if (!held.request) return;
    let out: WorkerOut;
    try {
      // A preview the editor no longer waits for (a newer keystroke aborted it) is not rendered.
      const gone = (): WorkerOut => ({ id: 0, answer: { ok: false, status: 499, error: 'Aperçu abandonné.', problems: [] } });
      out = await oneAtATime(async () => {
        const request = held.request;
        if (!request || req.socket.destroyed) return gone();
        // The draft's media the frame sent earlier; those no longer kept are asked again (absentMedia).
        const { overlay, unknown } = drafts.overlay(request.media ?? {});
        const out = await call({ kind: 'render', request, media: overlay, ...base() });
        if ('answer' in out && out.answer.ok) out.answer.absentMedia = [...new Set([...out.answer.absentMedia, ...unknown])];
        return out;
      });
      if (req.socket.destroyed) return;
    } catch (e) {
      return sendRefusal(res, refusal(503, `Aperçu indisponible : ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`));
    }
    if (!('answer' in out)) return sendRefusal(res, refusal(500, 'Aperçu impossible.'));
    const a: PreviewAnswer & { images?: string[] } = out.answer;
    for (const n of a.images ?? []) { images.delete(n); images.add(n); }
    while (images.size > 2000) images.delete(images.values().next().value!);
    if (a.ok) json(res, 200, { html: a.html, url: a.url, ms: a.ms, missing: a.missing, absentMedia: a.absentMedia });
    else json(res, a.status, { error: a.error, problems: a.problems });
  };

  /** A variant only a preview uses: encoded on demand, served from the image cache. */
  const image = async (path: string, res: ServerResponse): Promise<boolean> => {
    const name = path.slice('/_img/'.length);
    if (!images.has(name) || existsSync(join(o.servedRoot(), '_img', name))) return false;
    const out = await call({ kind: 'image', name }).catch(() => undefined);
    const file = out && 'file' in out ? out.file : undefined;
    if (!file || !existsSync(file)) return false;
    res.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
    createReadStream(file).pipe(res);
    return true;
  };

  /** `POST /admin/apercu/media` `{path, content}`: a draft's medium, kept for the next previews (draft-media.ts). */
  const upload = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const early = checkApiRequest(req, o.port(), MAX_BODY_BYTES);
    if (early) return early.status === 413 ? refuseUnreadBody(req, res, early) : sendRefusal(res, early);
    const body = await readCappedBody(req, MAX_BODY_BYTES);
    if (!Buffer.isBuffer(body)) return refuseUnreadBody(req, res, body);
    let parsed: unknown;
    try { parsed = JSON.parse(body.toString('utf8')); } catch { return sendRefusal(res, refusal(400, 'Requête refusée : JSON invalide.')); }
    const kept = isRecord(parsed) ? drafts.put(parsed['path'], parsed['content']) : { problem: 'objet JSON attendu' };
    if ('problem' in kept) return sendRefusal(res, refusal(422, `Média du brouillon refusé : ${kept.problem}.`));
    json(res, 200, { sha: kept.sha });
  };

  const handler: Handler = async (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path === DRAFT_MEDIA_PATH) { await upload(req, res); return true; }
    if (drafts.serve(req, res)) return true;
    if (path === PREVIEW_PATH || path === `${PREVIEW_PATH}/`) {
      try { await preview(req, res); } catch (e) {
        o.log(`Aperçu : erreur inattendue : ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
        if (!res.headersSent) json(res, 500, { error: 'Aperçu impossible : erreur inattendue (voir le terminal du serveur).', problems: [] });
        else res.end();
      }
      return true;
    }
    if (req.method === 'GET' && path.startsWith('/_img/') && images.size) return image(path, res);
    return false;
  };

  return {
    handler,
    inFlight: () => inFlight,
    async stop() {
      stopped = true;
      const child = worker;
      if (!child?.pid || child.exitCode !== null) return;
      await new Promise<void>((ok) => {
        child.once('exit', () => ok());
        try { process.kill(-child.pid!, 'SIGTERM'); } catch { ok(); }
        setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 5000).unref();
      });
    },
  };
}
