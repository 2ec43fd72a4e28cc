/**
 * Media of unsaved drafts, for the previews (#22): an image an editor uploads into a draft lives
 * only in the browser (Decap keeps it in the draft until it is saved) or on the draft's branch
 * until publication, so the published media folder the previews render from lacks it and the
 * page showed a grey box. The preview frame (backoffice/admin/preview-frame.ts) sends such a
 * file once, `POST /admin/apercu/media` `{path, content}` (base64), behind the same checks as
 * the previews (Host, Origin, JSON, size: the API's gate); later previews name it by hash
 * (`media: {"img/x.png": "<sha256>"}`) and the worker sees it as if it were in the media folder
 * (src/lib/content/media.ts `setMediaOverlay`).
 *
 * Safely: only media of the site by name and content (src/lib/media-types.ts), SVG sanitised as
 * on upload (backoffice/actions/assets.ts); stored by content hash under the server's data
 * folder, bounded in number; served back (`GET /admin/apercu/media/<sha256>.<ext>`, the URL the
 * page's images take) only by this server (after its Host check and, for a team back-office,
 * its login), never to another site (Sec-Fetch-Site), with a sandboxing CSP and nosniff.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { extensionOf, mediaProblem } from '../../src/lib/media-types.ts';
import { sanitizeSvg } from '../../src/lib/svg-sanitize.ts';
import type { DraftMedium } from '../../src/lib/content/media.ts';
import { CONTENT_TYPES } from '../server/static.ts';

export const DRAFT_MEDIA_PATH = '/admin/apercu/media';
/** Draft media kept at most (the oldest are dropped: a preview then sends its file again). */
export const MAX_DRAFT_MEDIA = 200;

const SHA = /^[0-9a-f]{64}$/;
const FILE = /^([0-9a-f]{64})(\.[a-z0-9]{2,5})$/;

/** A value of an image field (`img/x.png`, `/img/x.png`) → its path under the media folder, or undefined. */
export function mediaPathOf(value: string): string | undefined {
  const path = value.trim().replace(/^\.?\//, '').replace(/^img\//, '').normalize('NFC');
  if (!path || path.includes('..') || path.includes('\\') || path.startsWith('/') || /[\0-\x1f]/.test(path) || path.length > 300) return undefined;
  return path;
}

export interface DraftMediaStore {
  /** Keeps an uploaded file; its hash, or why it is refused (French). */
  put(value: unknown, content: unknown): { sha: string } | { problem: string };
  /** The overlay of a preview's `media` ({value: sha}), and the values whose file is not kept (to send again). */
  overlay(media: Readonly<Record<string, string>>): { overlay: [string, DraftMedium][]; unknown: string[] };
  /** `GET /admin/apercu/media/<sha>.<ext>`: true when answered. */
  serve(req: IncomingMessage, res: ServerResponse): boolean;
}

export function draftMediaStore(dir: string): DraftMediaStore {
  mkdirSync(dir, { recursive: true });
  const files = new Map<string, string>();
  // What an earlier run of the server kept (its data folder): reusable, by the same bound.
  for (const f of readdirSync(dir)) { const m = FILE.exec(f); if (m) files.set(m[1]!, f); }
  const keep = (sha: string, name: string) => {
    files.delete(sha);
    files.set(sha, name);
    while (files.size > MAX_DRAFT_MEDIA) {
      const [old, oldName] = files.entries().next().value!;
      files.delete(old);
      rmSync(join(dir, oldName), { force: true });
    }
  };
  return {
    put(value, content) {
      const path = typeof value === 'string' ? mediaPathOf(value) : undefined;
      if (!path) return { problem: 'nom de fichier invalide' };
      if (typeof content !== 'string') return { problem: 'contenu attendu en base64' };
      let bytes = Buffer.from(content, 'base64');
      const problem = mediaProblem(path, bytes);
      if (problem) return { problem };
      const ext = extensionOf(path);
      if (ext === '.svg') {
        const clean = sanitizeSvg(bytes.toString('utf8'));
        if ('problem' in clean) return { problem: `SVG illisible, ligne ${clean.problem.line} : ${clean.problem.reason}` };
        bytes = Buffer.from(clean.svg, 'utf8');
      }
      // Named by the bytes sent (the browser's hash), stored as checked.
      const sha = createHash('sha256').update(Buffer.from(content, 'base64')).digest('hex');
      const name = `${sha}${ext}`;
      if (!existsSync(join(dir, name))) writeFileSync(join(dir, name), bytes);
      keep(sha, name);
      return { sha };
    },
    overlay(media) {
      const overlay: [string, DraftMedium][] = [];
      const unknown: string[] = [];
      for (const [value, sha] of Object.entries(media)) {
        const path = mediaPathOf(value);
        const name = SHA.test(sha) ? files.get(sha) : undefined;
        if (!path) continue;
        if (!name || !existsSync(join(dir, name))) { unknown.push(value); continue; }
        overlay.push([path, { file: join(dir, name), url: `${DRAFT_MEDIA_PATH}/${name}` }]);
      }
      return { overlay, unknown };
    },
    serve(req, res) {
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (req.method !== 'GET' || !path.startsWith(`${DRAFT_MEDIA_PATH}/`)) return false;
      const m = FILE.exec(path.slice(DRAFT_MEDIA_PATH.length + 1));
      const name = m && files.get(m[1]!) === `${m[1]}${m[2]}` ? `${m[1]}${m[2]}` : undefined;
      const site = req.headers['sec-fetch-site'];
      const file = name ? join(dir, name) : undefined;
      if (!file || !existsSync(file) || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end('Fichier introuvable.\n');
        return true;
      }
      res.writeHead(200, {
        'Content-Type': CONTENT_TYPES[m![2]!] ?? 'application/octet-stream', 'Content-Length': statSync(file).size,
        'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox", 'Cross-Origin-Resource-Policy': 'same-origin',
      });
      createReadStream(file).pipe(res);
      return true;
    },
  };
}
