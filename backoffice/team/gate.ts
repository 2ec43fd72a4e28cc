/**
 * The team back-office's door, called first for every request (StackOptions.authenticate):
 * - `Host` must be the back-office's public host (or this server's loopback address); it is
 *   then rewritten to the loopback one the embedded gate (backoffice/gate/gate.ts) expects;
 * - any request but GET/HEAD must carry `Origin` = BACKOFFICE_URL, whatever its cookie (a page of
 *   another site posting with the editor's session is refused, 403 JSON); once checked it is
 *   removed, for the embedded gate, which knows only the loopback origin;
 * - /auth/login, /auth/callback, /auth/logout, /auth/logged-out: the OpenID Connect sign-in
 *   (oidc.ts) and the session (session.ts); the editors' list (editors.ts) gives the role;
 * - every other route needs a session: pages get the login redirect, the API, previews and
 *   status JSON get 401 JSON; /admin/config.yml names the public API URL; /admin/journal/ is
 *   for administration.
 * The identity handed back authorises each API call by role (roles.ts) and journals it.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { stringify } from 'yaml';
import { cmsConfig } from '../admin/decap-config.ts';
import { refusal, sendRefusal } from '../gate/gate.ts';
import type { TeamConfig } from './config.ts';
import { PUBLISHED_BRANCH } from '../git/repo.ts';
import { administrators, editorOf, readEditors } from './editors.ts';
import type { Journal } from './journal.ts';
import type { Attempt, Oidc } from './oidc.ts';
import { failedSignInPage, forbiddenPage, journalPage, signedOutPage, unknownEditorPage } from './pages.ts';
import { mayReadJournal, roleRefusal, ROLE_LABELS, type Role } from './roles.ts';
import { SESSION_TIMES, sessionStore, type SessionTimes } from './session.ts';
import type { Identity } from '../identity.ts';

export interface TeamSession { email: string; name: string; role: Role; idToken: string }

export interface TeamGateOptions {
  config: TeamConfig;
  oidc: Oidc;
  journal: Journal;
  log: (line: string) => void;
  times?: SessionTimes;
  now?: () => number;
}

const LOGIN_MS = 10 * 60_000;
const isApi = (path: string) => path.startsWith('/api/') || path.endsWith('.json') || path.startsWith('/admin/apercu');

export function teamGate(o: TeamGateOptions): (req: IncomingMessage, res: ServerResponse) => Promise<Identity | 'handled'> {
  const { config } = o;
  const secure = config.backofficeUrl.protocol === 'https:';
  const sessions = sessionStore<TeamSession>('eig_session', config.sessionSecret, secure, o.times ?? SESSION_TIMES, o.now);
  const attempts = sessionStore<Attempt>('eig_login', config.sessionSecret, secure, { idleMs: LOGIN_MS, absoluteMs: LOGIN_MS }, o.now);
  const publicHost = config.backofficeUrl.host;
  const origin = config.backofficeUrl.origin;

  const send = (res: ServerResponse, status: number, html: string, headers: Record<string, string | string[]> = {}) => {
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
    res.end(html);
  };
  const redirect = (res: ServerResponse, to: string, cookies: string[] = []) => {
    res.writeHead(302, { Location: to, 'Cache-Control': 'no-store', ...(cookies.length ? { 'Set-Cookie': cookies } : {}) });
    res.end();
  };
  /** A path of this site only (never `//host` nor `/\host`). */
  const localPath = (p: string | null) => (p && /^\/(?![/\\])/.test(p) ? p : '/admin/');

  const callback = async (url: URL, req: IncomingMessage, res: ServerResponse) => {
    const found = attempts.read(req);
    const clear = [attempts.clear()];
    if (!('data' in found)) {
      o.journal.add({ kind: 'refus', detail: 'retour du fournisseur sans tentative de connexion en cours (expirée ou d’un autre navigateur)' });
      return send(res, 400, failedSignInPage('La tentative de connexion a expiré ou a été commencée dans un autre navigateur.'), { 'Set-Cookie': clear });
    }
    attempts.destroy(found.id);
    let person;
    try {
      person = await o.oidc.finish(new URL(url.pathname + url.search, config.backofficeUrl), found.data);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      o.log(`Connexion refusée : ${why}`);
      o.journal.add({ kind: 'refus', detail: `connexion refusée par les vérifications OpenID Connect : ${why}` });
      return send(res, 401, failedSignInPage('La réponse du fournisseur d’identité n’a pas passé les vérifications de sécurité.'), { 'Set-Cookie': clear });
    }
    const list = readEditors(config.editorsFile);
    if (!list.ok) {
      o.log(`Liste des éditeurs : ${list.error}`);
      return send(res, 503, failedSignInPage('La liste des éditeurs du serveur est illisible : prévenez la personne qui administre le back-office.'), { 'Set-Cookie': clear });
    }
    const editor = editorOf(list.editors, person.email);
    if (!editor) {
      o.journal.add({ kind: 'refus', email: person.email, name: person.name, detail: 'adresse absente de la liste des éditeurs' });
      return send(res, 403, unknownEditorPage(person.email, administrators(list.editors)), { 'Set-Cookie': clear });
    }
    // A session already there (another account in this browser) ends: the new one has a new id.
    const previous = sessions.read(req);
    if ('data' in previous) sessions.destroy(previous.id);
    const id = sessions.create({ email: editor.email, name: editor.name ?? person.name, role: editor.role, idToken: person.idToken });
    o.journal.add({ kind: 'connexion', email: editor.email, name: editor.name ?? person.name, detail: `rôle ${ROLE_LABELS[editor.role]}${person.acr ? `, niveau ${person.acr}` : ''}` });
    redirect(res, localPath(found.data.next), [...clear, sessions.cookie(id)]);
  };

  return async (req, res) => {
    const method = req.method ?? 'GET';
    const host = (req.headers.host ?? '').toLowerCase();
    const loopback = `127.0.0.1:${req.socket.localPort}`;
    if (host !== publicHost && host !== loopback && host !== `localhost:${req.socket.localPort}`) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
      res.end(`Requête refusée : ce serveur ne répond qu’à ${publicHost}.\n`);
      return 'handled';
    }
    req.headers.host = loopback;
    if (method !== 'GET' && method !== 'HEAD') {
      if (req.headers.origin !== origin) {
        sendRefusal(res, refusal(403, 'Requête refusée : elle ne vient pas du back-office de ce site (en-tête Origin).'));
        return 'handled';
      }
      delete req.headers.origin;
    }
    const url = new URL(req.url ?? '/', config.backofficeUrl);
    const path = url.pathname;

    if (path === '/auth/login' && method === 'GET') {
      let started;
      try { started = await o.oidc.start(localPath(url.searchParams.get('next'))); } catch (e) {
        o.log(`Connexion impossible : ${e instanceof Error ? e.message : String(e)}`);
        send(res, 503, failedSignInPage('Le fournisseur d’identité ne répond pas : réessayez dans un instant.'));
        return 'handled';
      }
      const { url: to, attempt } = started;
      const id = attempts.create(attempt);
      redirect(res, to.href, [attempts.cookie(id, LOGIN_MS / 1000)]);
      return 'handled';
    }
    if (path === '/auth/callback' && method === 'GET') { await callback(url, req, res); return 'handled'; }
    if (path === '/auth/logged-out') { send(res, 200, signedOutPage()); return 'handled'; }
    const found = sessions.read(req);
    if (path === '/auth/logout') {
      if (!('data' in found)) { redirect(res, '/auth/logged-out', [sessions.clear()]); return 'handled'; }
      sessions.destroy(found.id);
      o.journal.add({ kind: 'deconnexion', email: found.data.email, name: found.data.name, detail: 'déconnexion' });
      redirect(res, o.oidc.logoutUrl(found.data.idToken)?.href ?? '/auth/logged-out', [sessions.clear()]);
      return 'handled';
    }
    if (!('data' in found)) {
      const why = found.expired ? 'Votre session a expiré' : 'Connexion requise';
      if (isApi(path) || method !== 'GET') {
        sendRefusal(res, refusal(401, `${why} : reconnectez-vous au back-office (${origin}/auth/login).`));
      } else {
        redirect(res, `/auth/login?next=${encodeURIComponent(path + url.search)}`);
      }
      return 'handled';
    }
    const who = found.data;
    if (path === '/admin/config.yml') {
      res.writeHead(200, { 'Content-Type': 'text/yaml; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(stringify(cmsConfig({ backend: { name: 'proxy', proxy_url: `${origin}/api/v1`, branch: PUBLISHED_BRANCH }, siteUrl: config.siteUrl })));
      return 'handled';
    }
    if (path === '/admin/journal' || path === '/admin/journal/') {
      if (!mayReadJournal(who.role)) send(res, 403, forbiddenPage('Le journal des accès est réservé au rôle administration.'));
      else send(res, 200, journalPage(o.journal.last(500)));
      return 'handled';
    }
    if (path === '/auth/me') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ email: who.email, name: who.name, role: who.role }));
      return 'handled';
    }
    return {
      // The versions this session opened are kept under a digest of its id, not the id itself.
      name: who.name, email: who.email, session: createHash('sha256').update(found.id).digest('base64url'),
      authorize(call, answer) {
        const denied = roleRefusal(who.role, call);
        const params: { collection?: unknown; slug?: unknown } = 'params' in call ? call.params : {};
        const { collection, slug } = params;
        const entry = typeof slug === 'string' ? ` ${typeof collection === 'string' ? `${collection}/` : ''}${slug}` : '';
        if (denied) {
          o.journal.add({ kind: 'refus', email: who.email, name: who.name, detail: `${denied.error.replace(/^Action refusée : /, '').split('.')[0]}${entry ? ` (${entry.trim()})` : ''}` });
          return denied;
        }
        // Publications are journaled from the stack's events (team/publications.ts), scheduled
        // and remote ones too; deletions (« Dépublier ») here.
        if (call.action === 'deleteFile' || call.action === 'deleteFiles') {
          answer.once('finish', () => {
            if (answer.statusCode < 400) o.journal.add({ kind: 'publication', email: who.email, name: who.name, detail: `suppression${entry}` });
          });
        }
        return undefined;
      },
    };
  };
}

/** A random secret for tests and examples (48 bytes, base64url). */
export const randomSecret = (): string => randomBytes(48).toString('base64url');
