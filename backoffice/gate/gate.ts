/**
 * The gate in front of the embedded back-office (`npm start`). decap-server has no
 * authentication and works on a git repository; every request of the site server goes through
 * here first:
 * - any request: its `Host` must be this server's own (127.0.0.1:PORT or localhost:PORT), so a
 *   page on another name that resolves to 127.0.0.1 (DNS rebinding) gets nothing (421);
 * - `/api/v1`: POST only, `Origin` absent or our own, `Content-Type: application/json`, a body
 *   capped while it streams (413), a known decap-server action on the published branch, every
 *   path under `content/` or `media/` (no dot-segment, no hidden segment, no backslash…), and
 *   uploads that are media of the site (extension and content; SVG sanitised).
 * Every refusal is JSON `{error: "<French>"}`. The checks are pure functions, tested apart from
 * the server (tests/unit/cms-gate.test.ts); `cms-stack.ts` wires them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { posix } from 'node:path';
import { mediaProblem, extensionOf } from '../../src/lib/media-types.ts';
import { sanitizeSvg } from '../../src/lib/svg-sanitize.ts';
import { MAX_PATH_CHARS, keyProblem, nameProblem, shown } from './names.ts';

export { MAX_NAME_CHARS, keyProblem, nameProblem, shown } from './names.ts';
export { TaskTimeout, serial } from '../api/serial.ts';

/** A refusal an editor may read (French). */
export interface GuardRefusal { status: number; error: string }

/** Hook points for the pre-publication checks and the repository clean-up (see StackOptions.hooks). */
export interface GateHooks {
  /** Called (serialised, before decap-server) for each accepted write call; a refusal is answered as JSON with its status. */
  beforeAction?(action: string, params: Record<string, unknown>): Promise<GuardRefusal | undefined>;
  /** Called after decap-server failed a call (status ≥ 400 or exception), before the next call runs. */
  afterFailure?(action: string): Promise<void>;
}

/** Every action of decap-server 3.11 (dist/middlewares.js, its joi schema), reads first. */
export const READ_ACTIONS = [
  'info', 'entriesByFolder', 'entriesByFiles', 'getEntry', 'unpublishedEntries', 'unpublishedEntry',
  'unpublishedEntryDataFile', 'unpublishedEntryMediaFile', 'getMedia', 'getMediaFile', 'getDeployPreview',
] as const;
export const WRITE_ACTIONS = [
  'persistEntry', 'persistMedia', 'deleteFile', 'deleteFiles', 'deleteUnpublishedEntry',
  'updateUnpublishedEntryStatus', 'publishUnpublishedEntry',
] as const;
export type Action = (typeof READ_ACTIONS)[number] | (typeof WRITE_ACTIONS)[number];
const ACTIONS = new Set<string>([...READ_ACTIONS, ...WRITE_ACTIONS]);
export const isWrite = (action: string): boolean => (WRITE_ACTIONS as readonly string[]).includes(action);

/** Default cap of an API body: a 10 MB image in base64 plus its entry. */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

export const refusal = (status: number, error: string): GuardRefusal => ({ status, error });

/** Host names this server answers to. */
const LOCAL_NAMES = ['127.0.0.1', 'localhost'];

/** Whether a `Host` header names this server (127.0.0.1:PORT or localhost:PORT). */
export function isOwnHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return LOCAL_NAMES.some((n) => host.toLowerCase() === `${n}:${port}`);
}

/** Whether an `Origin` header is absent or this server's own. */
export function isOwnOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return LOCAL_NAMES.some((n) => origin.toLowerCase() === `http://${n}:${port}`);
}

export interface RequestHead { method?: string | undefined; headers: Record<string, string | string[] | undefined> }
const header = (h: RequestHead, name: string): string | undefined => {
  const v = h.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
};

/** Checks of an API request before its body is read. */
export function checkApiRequest(req: RequestHead, port: number, maxBytes = MAX_BODY_BYTES): GuardRefusal | undefined {
  if (!isOwnHost(header(req, 'host'), port)) return refusal(403, 'Requête refusée : adresse du serveur inattendue (en-tête Host).');
  if (!isOwnOrigin(header(req, 'origin'), port)) return refusal(403, 'Requête refusée : elle ne vient pas du back-office de ce site (en-tête Origin).');
  if (req.method !== 'POST') return refusal(400, 'Requête refusée : seule la méthode POST est acceptée.');
  const type = (header(req, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return refusal(415, 'Requête refusée : le contenu doit être du JSON (Content-Type: application/json).');
  const length = Number(header(req, 'content-length'));
  if (Number.isFinite(length) && length > maxBytes) return tooLarge(maxBytes);
  return undefined;
}

export const tooLarge = (maxBytes: number): GuardRefusal =>
  refusal(413, `Requête trop volumineuse : ${Math.round(maxBytes / 1024 / 1024)} Mo au plus (réduisez la taille du fichier envoyé).`);

/**
 * Why a repository path is refused, or undefined. `roots`: its first segment must be one of
 * them; `folder`: the path may be the root itself (a folder to list).
 */
export function pathProblem(value: unknown, roots: readonly string[], folder = false): string | undefined {
  if (typeof value !== 'string' || value === '') return 'chemin manquant';
  if (/[\0-\x1f\x7f\\%]/.test(value)) return 'caractère interdit dans le chemin (contrôle, barre oblique inverse ou %)';
  if ([...value].length > MAX_PATH_CHARS) return `chemin trop long (${[...value].length} caractères, ${MAX_PATH_CHARS} au plus)`;
  if (value.startsWith('/') || /^[a-z]:/i.test(value)) return 'chemin absolu interdit';
  const segments = value.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return 'chemin non normalisé (segment vide, « . » ou « .. »)';
  if (segments.some((s) => s.startsWith('.'))) return 'fichier ou dossier caché interdit';
  for (const [i, s] of segments.entries()) {
    const p = nameProblem(s, i === segments.length - 1 && !folder ? 'fichier' : 'dossier');
    if (p) return p;
  }
  if (posix.normalize(value.replace(/\/$/, '')) !== value.replace(/\/$/, '')) return 'chemin non normalisé';
  if (!roots.includes(segments[0]!)) return `seuls les dossiers ${roots.map((r) => `${r}/`).join(' et ')} sont accessibles`;
  if (segments.length === 1 && !folder) return 'un fichier est attendu, pas un dossier';
  return undefined;
}

const CONTENT = ['content'] as const;
const MEDIA = ['media'] as const;
const BOTH = ['content', 'media'] as const;

type Params = Record<string, unknown>;
const isObject = (v: unknown): v is Params => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One accepted call, with its params (uploads decoded, SVG sanitised and re-encoded). */
export interface Call { action: Action; params: Params }

/**
 * Checks a parsed API body. `branch`: the only branch calls may name (the published one).
 * Returns the call to hand to decap-server (possibly with sanitised uploads) or a refusal.
 */
export function checkCall(body: unknown, branch: string): Call | GuardRefusal {
  if (!isObject(body) || typeof body['action'] !== 'string') return refusal(400, 'Requête refusée : action manquante.');
  const action = body['action'];
  if (!ACTIONS.has(action)) return refusal(422, `Requête refusée : action inconnue (${action.slice(0, 60)}).`);
  if (action === 'info') return { action: 'info', params: {} };
  const params = body['params'];
  if (!isObject(params)) return refusal(422, 'Requête refusée : paramètres manquants.');
  if (params['branch'] !== branch) return refusal(422, `Requête refusée : seule la branche ${branch} est accessible.`);
  const bad = (what: string, problem: string) => refusal(422, `Requête refusée : ${what} : ${problem}.`);
  const path = (what: string, v: unknown, roots: readonly string[], folder = false) => {
    const p = pathProblem(v, roots, folder);
    return p ? bad(`${what} « ${shown(v)} »`, p) : undefined;
  };
  const key = (what: string, v: unknown) => {
    const p = keyProblem(v);
    return p ? bad(`${what} « ${shown(v)} »`, p) : undefined;
  };
  for (const k of ['collection', 'slug'] as const) {
    const p = params[k] === undefined ? undefined : key(k, params[k]);
    if (p) return p;
  }
  // `id` is a content key (collection/slug) for unpublishedEntry, a file path for its data and media files.
  if (action === 'unpublishedEntry' && params['id'] !== undefined) {
    const parts = typeof params['id'] === 'string' ? params['id'].split('/') : [];
    if (parts.length !== 2) return bad('id', 'identifiant invalide');
    const p = key('id', parts[0]) ?? key('id', parts[1]);
    if (p) return p;
  }
  if ((action === 'unpublishedEntryDataFile' || action === 'unpublishedEntryMediaFile') && params['id'] !== undefined) {
    const p = path('id', params['id'], BOTH);
    if (p) return p;
  }
  if (params['cmsLabelPrefix'] !== undefined && (typeof params['cmsLabelPrefix'] !== 'string' || !/^[A-Za-z0-9/_-]{0,40}$/.test(params['cmsLabelPrefix']))) return bad('cmsLabelPrefix', 'préfixe invalide');

  let out: Params = params;
  let problem: GuardRefusal | undefined;
  switch (action as Action) {
    case 'entriesByFolder':
      problem = path('dossier', params['folder'], BOTH, true);
      break;
    case 'entriesByFiles': {
      const files = params['files'];
      if (!Array.isArray(files)) return bad('files', 'liste attendue');
      for (const f of files) problem ??= path('fichier', isObject(f) ? f['path'] : f, BOTH);
      break;
    }
    case 'getEntry':
    case 'getMediaFile':
    case 'unpublishedEntryDataFile':
    case 'unpublishedEntryMediaFile':
    case 'deleteFile':
      problem = path('fichier', params['path'], BOTH);
      break;
    case 'deleteFiles': {
      const paths = params['paths'];
      if (!Array.isArray(paths) || paths.length === 0) return bad('paths', 'liste attendue');
      for (const p of paths) problem ??= path('fichier', p, BOTH);
      break;
    }
    case 'getMedia':
      problem = path('dossier des médias', params['mediaFolder'], MEDIA, true);
      break;
    case 'persistMedia': {
      const r = checkAsset(params['asset']);
      if (!('asset' in r)) return r;
      out = { ...params, asset: r.asset };
      break;
    }
    case 'persistEntry': {
      const entries = params['dataFiles'] ?? (params['entry'] !== undefined ? [params['entry']] : undefined);
      if (!Array.isArray(entries) || entries.length === 0) return bad('entry', 'entrée manquante');
      for (const e of entries) {
        if (!isObject(e)) return bad('entry', 'entrée invalide');
        problem ??= path('entrée', e['path'], CONTENT) ?? (/\.md$/.test(String(e['path'])) ? undefined : bad('entrée', 'fichier Markdown (.md) attendu'));
        if (e['newPath'] !== undefined) problem ??= path('nouveau chemin', e['newPath'], CONTENT) ?? (/\.md$/.test(String(e['newPath'])) ? undefined : bad('nouveau chemin', 'fichier Markdown (.md) attendu'));
        // The slug names the draft's branch (and, for a new entry, its file): as checked as a path.
        if (e['slug'] !== undefined) problem ??= key('slug', e['slug']);
      }
      const assets = params['assets'] ?? [];
      if (!Array.isArray(assets)) return bad('assets', 'liste attendue');
      const checked: Params[] = [];
      for (const a of assets) {
        const r = checkAsset(a);
        if (!('asset' in r)) return r;
        checked.push(r.asset);
      }
      out = { ...params, assets: checked };
      break;
    }
    default:
      break; // unpublishedEntries, unpublishedEntry, status, publish, delete draft, deploy preview: keys checked above
  }
  return problem ?? { action: action as Action, params: out };
}

/** An uploaded file: under media/, base64, a medium of the site by name and content; SVG sanitised. */
export function checkAsset(asset: unknown): { asset: Params } | GuardRefusal {
  if (!isObject(asset)) return refusal(422, 'Requête refusée : fichier envoyé invalide.');
  const where = pathProblem(asset['path'], MEDIA);
  const name = shown(asset['path']);
  if (where) return refusal(422, `Fichier « ${name} » refusé : ${where}.`);
  if (asset['encoding'] !== 'base64' || typeof asset['content'] !== 'string') return refusal(422, `Fichier « ${name} » refusé : contenu attendu en base64.`);
  const bytes = Buffer.from(asset['content'], 'base64');
  const problem = mediaProblem(String(asset['path']), bytes);
  if (problem) return refusal(415, `Fichier « ${name} » refusé : ${problem}.`);
  if (extensionOf(String(asset['path'])) !== '.svg') return { asset };
  const clean = sanitizeSvg(bytes.toString('utf8'));
  if ('problem' in clean) {
    const { line, column, reason } = clean.problem;
    return refusal(422, `Fichier « ${name} » refusé : SVG illisible, ligne ${line}, colonne ${column} : ${reason}.`);
  }
  return { asset: { ...asset, content: Buffer.from(clean.svg, 'utf8').toString('base64') } };
}

/** An error message of decap-server (or of git through it) in an editor's words, with its code. */
export function failureMessage(cause: string | undefined): string {
  const c = cause ?? '';
  const code = /\b(E[A-Z]{3,})\b/.exec(c)?.[1];
  const words: Record<string, string> = {
    ENOSPC: 'le disque est plein', EDQUOT: 'le quota du disque est atteint', EACCES: 'permission refusée sur un fichier du dépôt',
    EPERM: 'opération non permise sur un fichier du dépôt', EROFS: 'le disque est en lecture seule', ENOENT: 'fichier introuvable',
    EEXIST: 'le fichier existe déjà', EISDIR: 'un dossier porte ce nom', ENOTDIR: 'un fichier porte le nom d’un dossier du chemin',
    EMFILE: 'trop de fichiers ouverts', EIO: 'erreur d’entrée-sortie du disque', ENAMETOOLONG: 'nom de fichier trop long',
  };
  let why: string;
  if (code && words[code]) why = `${words[code]} (${code})`;
  else if (/File name too long/i.test(c)) why = 'nom de fichier ou de branche trop long (ENAMETOOLONG)';
  else if (/Request timed out/i.test(c)) why = 'le dépôt est resté occupé trop longtemps (délai dépassé)';
  else if (/index\.lock|Unable to create .*lock/i.test(c)) why = 'le dépôt est verrouillé par une autre opération git (index.lock)';
  else if (/CONFLICT|conflict/.test(c)) why = 'conflit de fusion git';
  else if (c) why = `erreur inattendue (${c.replace(/\s+/g, ' ').slice(0, 200)})`;
  else why = 'erreur inattendue (voir le terminal du serveur)';
  return `Échec de l’enregistrement : ${why}`;
}

/** Answers a refusal: JSON, never HTML or a stack trace. */
export function sendRefusal(res: ServerResponse, r: GuardRefusal, extra: Record<string, string> = {}): void {
  if (res.headersSent) { res.end(); return; }
  res.writeHead(r.status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...extra });
  res.end(JSON.stringify({ error: r.error }));
}

/**
 * Reads a request body, refusing (413) as soon as it passes `maxBytes`: nothing beyond the cap
 * is kept in memory. On refusal the rest of the body is drained and the connection closed.
 */
export function readCappedBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | GuardRefusal> {
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    const onData = (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > maxBytes) { over = true; chunks.length = 0; done(tooLarge(maxBytes)); return; }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => { if (!over) done(Buffer.concat(chunks)); });
    req.on('error', () => { if (!over) { over = true; done(refusal(400, 'Requête interrompue.')); } });
  });
}

/** How long a refused request may keep sending its body (read and dropped) before the connection is cut. */
const LINGER_MS = 5000;

/**
 * Refuses a request whose body is not read (too large): the refusal goes out at once and the
 * rest of the body is read and dropped, nothing kept, for LINGER_MS at most. Closing at once
 * (`Connection: close`) reset the connection under a client still sending, which then failed
 * (EPIPE) without seeing the answer; this is nginx's lingering close. A body that ends in time
 * leaves a normal connection.
 */
export function refuseUnreadBody(req: IncomingMessage, res: ServerResponse, r: GuardRefusal): void {
  sendRefusal(res, r);
  req.resume();
  setTimeout(() => { if (!req.complete) req.socket.destroy(); }, LINGER_MS).unref();
}
