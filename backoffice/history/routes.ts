/**
 * The history's addresses (server/handlers.ts puts them after the status, so behind the same
 * Host check and, in the team back-office, the same login):
 * - GET /admin/historique/                     recent changes, deleted entries (index-page.ts);
 * - GET /admin/historique/?collection=&slug=   an entry's versions, `de`/`a` to compare two,
 *                                              `annuler=1` the undo's confirmation (page.ts);
 * - POST /admin/historique/restaurer           collection, slug, commit: that version as a draft;
 * - POST /admin/historique/annuler             collection, slug, base: undo the last publication.
 * The POSTs take a form (application/x-www-form-urlencoded, 4 Ko at most) from this server's own
 * origin (the gate's check; the team gate checks its public origin first), name an entry of the
 * model (entries.ts) and a commit in full, and run as Decap's own calls (actions.ts). Success
 * answers 303 to the entry's page; a refusal shows the page with the reason, in its status.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isOwnOrigin } from '../gate/gate.ts';
import { readCappedBody } from '../gate/body.ts';
import { git, PUBLISHED_BRANCH } from '../git/repo.ts';
import type { Identity } from '../identity.ts';
import type { ApiPipeline } from '../api/pipeline.ts';
import type { Handler } from '../server/static.ts';
import { draftBody, removalBody, runInternal, statusBody, type Outcome } from './actions.ts';
import { parseVersion } from './changes.ts';
import { entryRef, historyLink, titleOf, type EntryRef } from './entries.ts';
import { frame, noticeHtml, when, type Notice } from './html.ts';
import { indexPage } from './index-page.ts';
import { blobs, deletedEntries, entryHistory, fileAt, recentChanges, undoTarget } from './log.ts';
import { entryPage, RESTORE_PATH, UNDO_PATH } from './page.ts';

export interface HistoryOptions {
  repoDir: string;
  port: () => number;
  run: ApiPipeline['run'];
  identity?: ((req: IncomingMessage) => Identity | undefined) | undefined;
}

const COMMIT = /^[0-9a-f]{40}$/;
const MAX_FORM = 4096;
const DONE: Record<string, Notice> = {
  restauration: { tone: 'success', text: 'Version restaurée : elle est maintenant le brouillon de cette entrée (statut « Brouillon »). Relisez-la dans le back-office, puis publiez-la comme tout brouillon.' },
  annulation: { tone: 'success', text: 'Publication annulée : la version d’avant est maintenant le brouillon de cette entrée. Elle sera en ligne une fois publiée, comme tout brouillon.' },
  retrait: { tone: 'success', text: 'Entrée retirée du site. Elle reste dans les entrées supprimées de l’historique et peut être restaurée.' },
};

function send(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' });
  res.end(html);
}

const notFound = (res: ServerResponse, why: string) =>
  send(res, 404, frame('Entrée introuvable', `<h1>Entrée introuvable</h1>${noticeHtml({ tone: 'error', text: why })}<p><a href="/admin/historique/">Voir l’historique des modifications</a></p>`));

const exists = (repoDir: string, ref: string) => { try { git(repoDir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]); return true; } catch { return false; } };

export function historyRoutes(o: HistoryOptions): Handler {
  const showEntry = (res: ServerResponse, e: EntryRef, q: URLSearchParams, status = 200, notice?: Notice) => {
    const history = entryHistory(o.repoDir, e);
    if (!history.published.length && !history.drafts.length) return notFound(res, 'Cette entrée n’a aucune version dans le dépôt du back-office.');
    const from = q.get('de') ?? '';
    const to = q.get('a') ?? '';
    const compare = COMMIT.test(from) && COMMIT.test(to) && exists(o.repoDir, from) && exists(o.repoDir, to)
      ? { from, to, before: fileAt(o.repoDir, from, e.path), after: fileAt(o.repoDir, to, e.path) } : undefined;
    const done = DONE[q.get('fait') ?? ''];
    send(res, status, entryPage({ entry: e, history, undo: undoTarget(o.repoDir, e.path), confirmUndo: q.get('annuler') === '1', compare, notice: notice ?? done }));
  };

  const showIndex = (res: ServerResponse) => {
    const recent = recentChanges(o.repoDir);
    const raws = blobs(o.repoDir, recent.map((c) => `${c.status === 'D' ? `${c.version.commit}^` : c.version.commit}:${c.entry.path}`));
    const changes = recent.map((c, i) => ({ ...c, title: titleOf(c.entry, parseVersion(raws[i])?.data) }));
    send(res, 200, indexPage({ changes, deleted: deletedEntries(o.repoDir) }));
  };

  /** A POST's form, once its origin and type are checked; or the refusal to show. */
  const readForm = async (req: IncomingMessage): Promise<URLSearchParams | Outcome> => {
    if (!isOwnOrigin(req.headers.origin, o.port())) return { status: 403, error: 'Demande refusée : elle ne vient pas du back-office de ce site (en-tête Origin).' };
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') return { status: 415, error: 'Demande refusée : formulaire attendu.' };
    const body = await readCappedBody(req, MAX_FORM);
    if (!Buffer.isBuffer(body)) return { status: body.status, error: body.error };
    return new URLSearchParams(body.toString('utf8'));
  };

  const restore = async (req: IncomingMessage, e: EntryRef, form: URLSearchParams): Promise<Outcome & { done?: string }> => {
    const commit = form.get('commit') ?? '';
    const raw = COMMIT.test(commit) && exists(o.repoDir, commit) ? fileAt(o.repoDir, commit, e.path) : undefined;
    if (raw === undefined) return { status: 404, error: 'Cette version de l’entrée est introuvable dans le dépôt.' };
    const history = entryHistory(o.repoDir, e);
    const current = history.drafts[0]?.raw ?? history.published[0]?.raw;
    if (raw === current) return { status: 409, error: history.drafts.length ? 'Cette version est déjà celle du brouillon en cours : rien à restaurer.' : 'Cette version est déjà celle en ligne : rien à restaurer.' };
    const date = git(o.repoDir, ['log', '-1', '--format=%aI', commit]);
    const r = await asDraft(req, e, raw, `Restauration de « ${e.slug} » (${e.path}) : version du ${when(date)}`, history.draftStatus);
    return { ...r, done: 'restauration' };
  };

  /** Saves `raw` as the entry's draft; a draft already « En relecture » or « Prêt » is back to « Brouillon »: it is read again. */
  const asDraft = async (req: IncomingMessage, e: EntryRef, raw: string, message: string, status: string | undefined): Promise<Outcome> => {
    const who = o.identity?.(req);
    const r = await runInternal(o.run, req, draftBody(e, raw, message), who);
    if (r.status >= 400 || status === undefined || status === 'draft') return r;
    return runInternal(o.run, req, statusBody(e, 'draft'), who);
  };

  const undo = async (req: IncomingMessage, e: EntryRef, form: URLSearchParams): Promise<Outcome & { done?: string }> => {
    const head = git(o.repoDir, ['rev-parse', `refs/heads/${PUBLISHED_BRANCH}`]);
    if (form.get('base') !== head) return { status: 409, error: 'Le site a été publié de nouveau depuis l’affichage de cette page : rien n’a été fait. Relisez l’historique ci-dessous puis recommencez.' };
    const target = undoTarget(o.repoDir, e.path);
    if (!target) return { status: 409, error: 'Aucune publication de cette entrée à annuler.' };
    const who = o.identity?.(req);
    if (target.raw === undefined) {
      const r = await runInternal(o.run, req, removalBody(e, `Annulation de la publication de « ${e.slug} » (${e.path}) : entrée retirée`), who);
      return { ...r, done: 'retrait' };
    }
    const r = await asDraft(req, e, target.raw, `Annulation de la publication du ${when(target.at)} de « ${e.slug} » (${e.path})`, entryHistory(o.repoDir, e).draftStatus);
    return { ...r, done: 'annulation' };
  };

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path === '/admin/historique' || path === '/admin/historique/') {
      if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405, { Allow: 'GET' }); res.end(); return true; }
      const q = url.searchParams;
      if (!q.has('collection') && !q.has('slug')) { showIndex(res); return true; }
      const e = entryRef(q.get('collection'), q.get('slug'));
      if (!e) notFound(res, 'Aucune entrée du back-office ne porte ce nom (collection ou identifiant inconnu).');
      else showEntry(res, e, q);
      return true;
    }
    if (path !== RESTORE_PATH && path !== UNDO_PATH) return false;
    if (req.method !== 'POST') { res.writeHead(405, { Allow: 'POST' }); res.end(); return true; }
    const form = await readForm(req);
    if (!(form instanceof URLSearchParams)) { send(res, form.status, frame('Demande refusée', `<h1>Demande refusée</h1>${noticeHtml({ tone: 'error', text: form.error ?? '' })}<p><a href="/admin/historique/">Voir l’historique des modifications</a></p>`)); return true; }
    const e = entryRef(form.get('collection'), form.get('slug'));
    if (!e) { notFound(res, 'Aucune entrée du back-office ne porte ce nom (collection ou identifiant inconnu).'); return true; }
    const r = path === RESTORE_PATH ? await restore(req, e, form) : await undo(req, e, form);
    if (r.status < 400 && r.done) {
      res.writeHead(303, { Location: historyLink(e, { fait: r.done }), 'Cache-Control': 'no-store' });
      res.end();
      return true;
    }
    const exists = entryHistory(o.repoDir, e);
    if (!exists.published.length && !exists.drafts.length) notFound(res, r.error ?? 'Demande refusée.');
    else showEntry(res, e, new URLSearchParams(), r.status, { tone: 'error', text: `Rien n’a été modifié : ${r.error ?? 'la demande a échoué.'}` });
    return true;
  };
}
