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
 * the server (tests/unit/cms-gate.test.ts); the API pipeline (api/pipeline.ts) wires them.
 */
import { parseCall, type TypedCall } from '../actions/parse.ts';
import { refusal, tooLarge, type GuardRefusal } from '../refusal.ts';

export { MAX_NAME_CHARS, keyProblem, nameProblem, pathProblem, shown } from '../actions/names.ts';
export { READ_ACTIONS, WRITE_ACTIONS, isWrite, type Action } from '../actions/kinds.ts';
export { checkAsset } from '../actions/assets.ts';
export { failureMessage, refusal, sendRefusal, tooLarge, type GuardRefusal } from '../refusal.ts';
export { readCappedBody, refuseUnreadBody } from './body.ts';

/** One accepted call: its action and typed params (uploads decoded, SVG sanitised and re-encoded). */
export type Call = TypedCall;

/** Default cap of an API body: a 10 MB image in base64 plus its entry. */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

/**
 * Checks a parsed API body, once: the schema of its action (actions/parse.ts). `branch`: the
 * only branch calls may name (the published one). Returns the call to hand to decap-server
 * (possibly with sanitised uploads) or a refusal.
 */
export function checkCall(body: unknown, branch: string): Call | GuardRefusal {
  const parsed = parseCall(body, branch);
  return parsed.ok ? parsed.call : parsed.refusal;
}

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
