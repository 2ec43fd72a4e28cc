/**
 * The status of the embedded site, for editors: `/admin/statut/` (the page, page.ts) and
 * `/_status.json` (what the status bar of /admin/ polls; the build's terminal output left out).
 */
import type { Handler } from '../server/static.ts';
import type { StackStatus } from '../types.ts';
import { statusPage } from './page.ts';

export const statusRoutes = (status: () => StackStatus): Handler => (req, res) => {
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
  return false;
};
