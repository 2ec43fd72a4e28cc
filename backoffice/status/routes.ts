/**
 * The status of the embedded site, for editors: `/admin/statut/` (the page, page.ts) and
 * `/_status.json` (what the status bar of /admin/ polls; the build's terminal output left out).
 * With a content remote, `POST /admin/statut/synchroniser` runs one exchange with it now
 * (git/sync.ts): the page's button (answered 303 back to the page) or a script asking JSON.
 */
import type { Handler } from '../server/static.ts';
import type { StackStatus } from '../types.ts';
import { isOwnOrigin } from '../gate/gate.ts';
import { refusal, sendRefusal } from '../refusal.ts';
import { statusPage } from './page.ts';
import { SYNC_PATH } from './remote.ts';

/** An exchange longer than this is answered before it ends (the page then shows it going on). */
const SYNC_WAIT_MS = 30_000;

export interface StatusRouteOptions {
  port: () => number;
  /** One exchange with the content remote (absent: no remote, the route does not exist). */
  sync?: (() => Promise<unknown>) | undefined;
}

export const statusRoutes = (status: () => StackStatus, o?: StatusRouteOptions): Handler => async (req, res) => {
  const path = (req.url ?? '').split('?')[0];
  if (path === '/_status.json') {
    const s = status();
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify({ ...s, error: s.error && { ...s.error, output: undefined } }, null, 2));
    return true;
  }
  if (path === '/admin/statut' || path === '/admin/statut/') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(statusPage(status()));
    return true;
  }
  if (path === SYNC_PATH && o?.sync) {
    // As the API: POST only, from this back-office's own pages (the team gate has checked the
    // session and the public Origin before, and removed it).
    if (req.method !== 'POST') { sendRefusal(res, refusal(405, 'Requête refusée : la synchronisation se demande par le bouton de la page d’état (méthode POST).'), { Allow: 'POST' }); return true; }
    if (!isOwnOrigin(req.headers.origin, o.port())) { sendRefusal(res, refusal(403, 'Requête refusée : elle ne vient pas du back-office de ce site (en-tête Origin).')); return true; }
    req.resume();
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([o.sync(), new Promise((ok) => { timer = setTimeout(ok, SYNC_WAIT_MS); })]);
    clearTimeout(timer);
    if ((req.headers.accept ?? '').includes('application/json')) {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(status().remote ?? null));
    } else {
      res.writeHead(303, { Location: '/admin/statut/#depot-distant', 'Cache-Control': 'no-store' });
      res.end();
    }
    return true;
  }
  return false;
};
