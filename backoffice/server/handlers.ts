/**
 * The order in which the back-office server hands a request over: an explicit list, the first
 * handler that answers wins, the built site is served when none does (static.ts).
 *
 *   1. authenticate   a team back-office's login (StackOptions.authenticate), when given: it
 *                     checks the Host against its public address (backoffice/team/gate.ts) and
 *                     rewrites it to this server's loopback one, then answers itself
 *                     ('handled') or gives the request's identity;
 *   2. host           a foreign Host is refused (421): DNS rebinding gets nothing;
 *   3. api            /api/v1, decap-server behind the gate (api/pipeline.ts);
 *   4. previews       /api/preview… (preview/service.ts);
 *   5. config         /admin/config.yml (Decap's configuration, with the real port);
 *   6. status         /_status.json, /admin/statut/ (status/routes.ts);
 *   7. history        /admin/historique/ and its restores (history/routes.ts);
 *   then the site.
 *
 * A later step (history, scheduling) is one more entry of `order()`, at its place.
 */
import type { IncomingMessage } from 'node:http';
import { stringify } from 'yaml';
import { cmsConfig, localBackend } from '../admin/decap-config.ts';
import { isOwnHost } from '../gate/gate.ts';
import { refusal, sendRefusal } from '../refusal.ts';
import type { Authenticate, Identity } from '../identity.ts';
import type { Handler } from './static.ts';

export interface NamedHandler { name: string; handle: Handler }

/** Every request must name this server: a DNS-rebinding page (evil.test → 127.0.0.1) gets nothing. */
export const hostCheck = (port: () => number): Handler => (req, res) => {
  if (isOwnHost(req.headers.host, port())) return false;
  if ((req.url ?? '').startsWith('/api/')) { sendRefusal(res, refusal(421, 'Requête refusée : ce serveur ne répond qu’à 127.0.0.1 et localhost (en-tête Host).'), { Connection: 'close' }); return true; }
  res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' });
  res.end('Requête refusée : ce serveur ne répond qu’à 127.0.0.1 et localhost.\n');
  return true;
};

/**
 * The authentication step: calls `authenticate` for every request, keeps the identity it gives
 * (read by `identityOf`, e.g. for the commits' author), stops the request when it answered.
 */
export function authentication(authenticate: Authenticate): { handle: Handler; identityOf: (req: IncomingMessage) => Identity | undefined } {
  const identities = new WeakMap<IncomingMessage, Identity>();
  return {
    handle: async (req, res) => {
      const who = await authenticate(req, res);
      if (who === 'handled') return true;
      identities.set(req, who);
      return false;
    },
    identityOf: (req) => identities.get(req),
  };
}

/** Decap's configuration, generated with the real port, on the host the page was loaded from. */
export const adminConfig = (port: () => number, siteUrl: () => string): Handler => (req, res) => {
  if ((req.url ?? '').split('?')[0] !== '/admin/config.yml') return false;
  res.writeHead(200, { 'Content-Type': 'text/yaml; charset=utf-8', 'Cache-Control': 'no-store' });
  // The API on the host the page was loaded from (127.0.0.1 or localhost): same origin for the browser.
  const host = (req.headers.host ?? '').toLowerCase().startsWith('localhost:') ? 'localhost' : '127.0.0.1';
  res.end(stringify(cmsConfig({ backend: localBackend(port(), host), siteUrl: siteUrl() })));
  return true;
};

/** The handlers in their order (see the top of this file); `authenticate` only when given. */
export interface Steps { host: Handler; authenticate?: Handler | undefined; api: Handler; previews: Handler; config: Handler; status: Handler; history?: Handler | undefined }

export function order(steps: Steps): NamedHandler[] {
  const names = ['authenticate', 'host', 'api', 'previews', 'config', 'status', 'history'] as const;
  return names.flatMap((name) => { const handle = steps[name]; return handle ? [{ name, handle }] : []; });
}
