/**
 * The gate's checks (cms-gate.ts) under many generated inputs: random actions and params, paths
 * made of traversal pieces, encodings, look-alike and invisible Unicode characters, wrong types,
 * random request heads. A fixed seed (FUZZ_SEED=<n> to try others) and a fixed count: the same
 * inputs at every run. Invariants: nothing throws; a refusal is a 4xx with a French message that
 * shows no invisible character; every path of an accepted call is under content/ or media/,
 * normalised, visible, each name 120 characters at most; a head passes only when it is ours.
 */
import { describe, expect, it } from 'vitest';
import { posix } from 'node:path';
import { READ_ACTIONS, WRITE_ACTIONS, checkApiRequest, checkCall, MAX_NAME_CHARS } from '../../backoffice/gate/gate.ts';
import { seeded } from '../helpers/random.ts';

const SEED = Number(process.env['FUZZ_SEED'] ?? 17);
const CALLS = 12_000;
const HEADS = 4000;
const PORT = 4321;

const generator = seeded;
type Gen = ReturnType<typeof generator>;

const PIECES = [
  'content', 'media', 'blog', 'defis', 'img', 'x.md', 'photo.png', 'dessin.svg', '_index.md', 'été.md', 'a b.jpg',
  '..', '.', '', '.git', '.hidden', '...', '%2e%2e', '%2f', '..%2f', '%00', '\\', '..\\..', '/', '//', '\0', '\n', '\r\n', '\t',
  'C:', 'c:\\x', '~', '$HOME', '*', '?', ':', '"', '<x>', 'CON', 'nul', ' ', '\u00a0',
  '\u202e', '\u202a', '\u2066', '\u2069', '\u200e', '\u200f', '\u061c', '\u200b', '\u200d', '\ufeff', '\u0085', '\u009b', '\u2028',
  '\ud800', '\udfff', '\ue000', '\uff0f', '\u2215', '\u2044', '\u0307', 'ｃontent', 'ｍedia', 'CONTENT', 'Media', '日本', '🙂', 'e\u0301',
] as const;
const ROOTS = ['content', 'media', 'content/blog', 'media/img', '', '/', './content', 'content/..', 'media/../content'] as const;

function pathLike(g: Gen): string {
  let p: string = g.next() < 0.8 ? g.pick(ROOTS) : '';
  const n = g.int(6);
  for (let i = 0; i < n; i++) p += (g.next() < 0.7 ? '/' : '') + g.pick(PIECES);
  if (g.next() < 0.1) p += g.pick(PIECES).repeat(1 + g.int(200));
  if (g.next() < 0.3) p += g.pick(['.md', '.png', '.svg', '.jpg', '.exe', '.md/', '']);
  if (g.next() < 0.05) p = encodeURIComponent(p.replace(/[\ud800-\udfff]/g, '')); // (lone surrogates do not encode)
  return p;
}

function anyValue(g: Gen, depth = 0): unknown {
  switch (g.int(depth > 2 ? 6 : 8)) {
    case 0: return null;
    case 1: return g.int(3) - 1;
    case 2: return g.next() < 0.5;
    case 3: case 4: return pathLike(g);
    case 5: return g.pick(['main', 'cms/articles/x', 'draft', '']);
    case 6: return Array.from({ length: g.int(4) }, () => anyValue(g, depth + 1));
    default: return Object.fromEntries(Array.from({ length: g.int(4) }, () => [g.pick(['path', 'newPath', 'slug', 'raw', 'content', 'encoding', 'x']), anyValue(g, depth + 1)]));
  }
}

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
/** A name close to a real one: safe pieces, now and then an invisible character or a long run. */
const nameLike = (g: Gen) => Array.from({ length: 1 + g.int(3) }, () => (g.next() < 0.8
  ? g.pick(['essai', 'été', 'a b', '日本', '🙂', 'brigade-numérique', 'x_1', 'e\u0301'])
  : g.next() < 0.5 ? g.pick(PIECES) : 'n'.repeat(50 + g.int(100)))).join('');
/** Paths that often pass: an entry or a medium with a generated name. */
const entryPath = (g: Gen) => `content/${g.pick(['blog/', 'defis/', '', 'blog/sous/'])}${nameLike(g)}.md`;
const mediaPath = (g: Gen) => `media/${g.pick(['', 'img/'])}${nameLike(g)}.png`;
const plausible = (g: Gen) => (g.next() < 0.5 ? entryPath(g) : mediaPath(g));
const pathOrAny = (g: Gen) => (g.next() < 0.4 ? plausible(g) : g.next() < 0.8 ? pathLike(g) : anyValue(g));
const keyLike = (g: Gen) => (g.next() < 0.4 ? g.pick(['articles', 'defis', 'essai', 'brigade-numérique', 'x_1']) : g.next() < 0.6 ? nameLike(g) : g.next() < 0.5 ? pathLike(g) : anyValue(g));

function callBody(g: Gen): unknown {
  if (g.next() < 0.03) return anyValue(g);
  const action = g.next() < 0.9 ? g.pick([...READ_ACTIONS, ...WRITE_ACTIONS]) : g.pick(['__proto__', 'constructor', 'eval', '', 'getentry', 'persistentry ']);
  const params: Record<string, unknown> = { branch: g.next() < 0.9 ? 'main' : anyValue(g) };
  const asset = () => ({ path: g.next() < 0.5 ? mediaPath(g) : pathOrAny(g), content: g.next() < 0.8 ? PNG : anyValue(g), encoding: g.next() < 0.9 ? 'base64' : anyValue(g) });
  const entry = () => ({ path: g.next() < 0.6 ? entryPath(g) : pathOrAny(g), slug: keyLike(g), raw: '---\ntitle: x\n---\n', ...(g.next() < 0.3 ? { newPath: pathOrAny(g) } : {}) });
  for (const k of ['collection', 'slug', 'id', 'folder', 'path', 'mediaFolder', 'cmsLabelPrefix'] as const) {
    if (g.next() < 0.5) params[k] = k === 'collection' || k === 'slug' ? keyLike(g) : k === 'id' && g.next() < 0.5 ? `${String(keyLike(g))}/${String(keyLike(g))}` : pathOrAny(g);
  }
  if (g.next() < 0.5) params['files'] = g.next() < 0.9 ? Array.from({ length: g.int(4) }, () => (g.next() < 0.5 ? { path: pathOrAny(g) } : pathOrAny(g))) : anyValue(g);
  if (g.next() < 0.5) params['paths'] = g.next() < 0.9 ? Array.from({ length: g.int(4) }, () => pathOrAny(g)) : anyValue(g);
  if (g.next() < 0.5) params['entry'] = g.next() < 0.9 ? entry() : anyValue(g);
  if (g.next() < 0.2) params['dataFiles'] = Array.from({ length: g.int(3) }, entry);
  if (g.next() < 0.5) params['assets'] = g.next() < 0.9 ? Array.from({ length: g.int(2) }, asset) : anyValue(g);
  if (g.next() < 0.5) params['asset'] = g.next() < 0.9 ? asset() : anyValue(g);
  // What decap-server's schema requires besides paths (the gate's schemas require it too).
  if (g.next() < 0.8) params['options'] = g.next() < 0.9 ? { commitMessage: 'm', useWorkflow: g.next() < 0.5, status: 'draft' } : anyValue(g);
  if (g.next() < 0.7) { params['extension'] = 'md'; params['depth'] = g.next() < 0.9 ? 1 : anyValue(g); }
  if (g.next() < 0.5) params['newStatus'] = g.next() < 0.9 ? 'pending_review' : anyValue(g);
  // What the gate receives is parsed JSON.
  return JSON.parse(JSON.stringify({ action, params: g.next() < 0.97 ? params : anyValue(g) })) as unknown;
}

/** Every repository path an accepted call hands to decap-server. */
function pathsOf(action: string, p: Record<string, unknown>): { path: unknown; folder: boolean }[] {
  const out: { path: unknown; folder: boolean }[] = [];
  const file = (v: unknown) => out.push({ path: v, folder: false });
  switch (action) {
    case 'entriesByFolder': out.push({ path: p['folder'], folder: true }); break;
    case 'getMedia': out.push({ path: p['mediaFolder'], folder: true }); break;
    case 'entriesByFiles': for (const f of p['files'] as unknown[]) file(typeof f === 'object' && f !== null ? (f as Record<string, unknown>)['path'] : f); break;
    case 'deleteFiles': for (const f of p['paths'] as unknown[]) file(f); break;
    case 'getEntry': case 'getMediaFile': case 'deleteFile': file(p['path']); break;
    case 'unpublishedEntryDataFile': case 'unpublishedEntryMediaFile': file(p['path']); if (p['id'] !== undefined) file(p['id']); break;
    case 'persistMedia': file((p['asset'] as Record<string, unknown>)['path']); break;
    case 'persistEntry': {
      const entries = (p['dataFiles'] ?? [p['entry']]) as Record<string, unknown>[];
      for (const e of entries) { file(e['path']); if (e['newPath'] !== undefined) file(e['newPath']); }
      for (const a of p['assets'] as Record<string, unknown>[]) file(a['path']);
      break;
    }
    default: break;
  }
  return out;
}

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}]/u;
const KEY = /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u;

/** What is wrong with an accepted path, or undefined. */
function badAccepted(path: unknown, folder: boolean): string | undefined {
  if (typeof path !== 'string') return 'pas une chaîne';
  const bare = path.replace(/\/$/, '');
  const segments = bare.split('/');
  if (!['content', 'media'].includes(segments[0]!)) return 'hors de content/ et media/';
  if (!folder && segments.length < 2) return 'un dossier racine pour un fichier';
  if (posix.normalize(bare) !== bare || posix.resolve('/repo', bare) !== `/repo/${bare}`) return 'non normalisé';
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.'))) return 'segment vide, point ou caché';
  if (/[\\%]/.test(path) || INVISIBLE.test(path)) return 'caractère interdit';
  if (segments.some((s) => [...s].length > MAX_NAME_CHARS || Buffer.byteLength(s) > 255)) return 'nom trop long';
  return undefined;
}

describe('cms-gate under generated inputs', () => {
  it(`checkCall: ${CALLS} generated calls, seed ${SEED}`, () => {
    const g = generator(SEED);
    const problems: string[] = [];
    let acceptedCount = 0;
    const acceptedActions = new Set<string>();
    for (let i = 0; i < CALLS && problems.length < 10; i++) {
      const body = callBody(g);
      const shown = JSON.stringify(body).slice(0, 300);
      let r: ReturnType<typeof checkCall>;
      try { r = checkCall(body, 'main'); } catch (e) { problems.push(`exception ${String(e)} : ${shown}`); continue; }
      if ('status' in r) {
        if (r.status < 400 || r.status >= 500) problems.push(`statut ${r.status} : ${shown}`);
        if (!/^(Requête refusée|Fichier « )/.test(r.error)) problems.push(`message ${r.error} : ${shown}`);
        if (INVISIBLE.test(r.error)) problems.push(`caractère invisible dans le message : ${JSON.stringify(r.error)}`);
        continue;
      }
      acceptedCount++;
      acceptedActions.add(r.action);
      // The typed params, read as the plain object decap-server receives.
      const params: Record<string, unknown> = r.action === 'info' ? {} : r.params;
      if (!(READ_ACTIONS as readonly string[]).includes(r.action) && !(WRITE_ACTIONS as readonly string[]).includes(r.action)) problems.push(`action ${r.action}`);
      if (r.action !== 'info' && params['branch'] !== 'main') problems.push(`branche : ${shown}`);
      for (const { path, folder } of pathsOf(r.action, params)) {
        const bad = badAccepted(path, folder);
        if (bad) problems.push(`${r.action} accepté avec ${JSON.stringify(path)} : ${bad}`);
      }
      const entries = r.action === 'persistEntry' ? (params['dataFiles'] ?? [params['entry']]) as Record<string, unknown>[] : [];
      for (const k of [params['collection'], params['slug'], ...entries.map((e) => e['slug'])]) {
        if (k !== undefined && (typeof k !== 'string' || !KEY.test(k) || [...k].length > MAX_NAME_CHARS)) problems.push(`${r.action} accepté avec l’identifiant ${JSON.stringify(k)}`);
      }
    }
    expect(problems).toEqual([]);
    // The generator reaches both sides of the gate.
    expect(acceptedCount).toBeGreaterThan(CALLS / 50);
    expect(acceptedCount).toBeLessThan(CALLS);
    if (process.env['FUZZ_STATS']) console.log(`acceptés : ${acceptedCount} sur ${CALLS}, actions : ${[...acceptedActions].sort().join(', ')}`);
    for (const a of ['persistEntry', 'persistMedia', 'getEntry', 'entriesByFiles', 'deleteFiles']) expect(acceptedActions, a).toContain(a);
  });

  it(`checkApiRequest: ${HEADS} generated request heads, seed ${SEED}`, () => {
    const g = generator(SEED + 1);
    const problems: string[] = [];
    const hosts = [`127.0.0.1:${PORT}`, `localhost:${PORT}`, `LocalHost:${PORT}`, `127.0.0.1:${PORT + 1}`, 'evil.test', `evil.test:${PORT}`, `127.0.0.1.evil.test:${PORT}`, `[::1]:${PORT}`, '', `127.0.0.1:${PORT}\u0000`, `127.0.0.1:0${PORT}`];
    const origins = [undefined, `http://127.0.0.1:${PORT}`, `http://localhost:${PORT}`, 'null', `https://127.0.0.1:${PORT}`, `http://127.0.0.1:${PORT}/`, `http://evil.test:${PORT}`, ''];
    const types = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'application/json5', 'application/x-www-form-urlencoded', 'multipart/form-data', '', ' application/json '];
    const lengths = [undefined, '0', '10', '999', '1000', '1001', '-1', 'abc', '1e9', ' 5', '99999999999999999999'];
    for (let i = 0; i < HEADS; i++) {
      const pickOr = <T>(xs: readonly T[]): T | T[] => (g.next() < 0.05 ? [g.pick(xs), g.pick(xs)] : g.pick(xs));
      const headers: Record<string, string | string[] | undefined> = {
        host: g.next() < 0.95 ? pickOr(hosts) : undefined, origin: g.next() < 0.95 ? g.pick(origins) : [g.pick(origins) ?? '', g.pick(origins) ?? ''],
        'content-type': g.next() < 0.95 ? pickOr(types) : undefined, 'content-length': g.pick(lengths),
      };
      const method = g.pick(['POST', 'GET', 'post', 'PUT', 'OPTIONS', undefined]);
      let r: ReturnType<typeof checkApiRequest>;
      try { r = checkApiRequest({ method, headers }, PORT, 1000); } catch (e) { problems.push(`exception ${String(e)}`); continue; }
      // Repeated headers count as one, joined by commas (as Node gives them).
      const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(',') : v);
      const [host, origin, type] = [one(headers['host']), one(headers['origin']), one(headers['content-type'])];
      const ours = host !== undefined && [`127.0.0.1:${PORT}`, `localhost:${PORT}`].includes(host.toLowerCase())
        && (origin === undefined || [`http://127.0.0.1:${PORT}`, `http://localhost:${PORT}`].includes(origin.toLowerCase()))
        && method === 'POST' && type !== undefined && type.split(';')[0]!.trim().toLowerCase() === 'application/json'
        && !(Number(headers['content-length']) > 1000);
      if ((r === undefined) !== ours) problems.push(`${r ? 'refusée' : 'acceptée'} : ${method} ${JSON.stringify(headers)}`);
      if (r && (r.status < 400 || r.status >= 500 || !r.error.startsWith('Requête'))) problems.push(`refus ${JSON.stringify(r)}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });
});
