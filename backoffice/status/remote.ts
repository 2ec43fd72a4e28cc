/**
 * The « Dépôt distant » part of the status page (/admin/statut/), when the back-office works on
 * a clone of a content remote (git/sync.ts): how the last exchange went in an editor's words,
 * what to do and for whom, the remote's commit the guard refused with its problems (listed as
 * the page lists a refused publication), and a button that runs an exchange now (POST
 * /admin/statut/synchroniser, answered back to this part of the page).
 */
import type { RemoteStatus } from '../git/sync.ts';
import type { Problem } from '../problems/problem.ts';
import { frenchTime } from '../admin/status-text.ts';

/** Where the button posts (status/routes.ts). */
export const SYNC_PATH = '/admin/statut/synchroniser';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The button's look (DSFR primary button colours, a visible focus ring). */
export const REMOTE_STYLE = `.fr-btn{font:inherit;font-weight:500;background:#000091;color:#fff;border:0;padding:.5rem 1.5rem;min-height:2.5rem;cursor:pointer}
.fr-btn:hover{background:#1212ff}.fr-btn:focus{outline:2px solid #0a76f6;outline-offset:2px}`;

/** The part, or '' without a remote. `problemList` is the page's own list of problems. */
export function remoteSection(r: RemoteStatus | undefined, now: Date, problemList: (problems: readonly Problem[]) => string): string {
  if (!r) return '';
  const tone = r.problem ? 'error' : r.state === 'synced' ? 'success' : 'info';
  const when = (iso: string | undefined) => (iso ? escapeHtml(frenchTime(iso, now)) : '—');
  const refused = r.state === 'refused' && r.refused
    ? `${r.refused.problems.length ? problemList(r.refused.problems) : `<p>${escapeHtml(r.refused.error)}</p>`}`
    : '';
  return `<h2 id="depot-distant">Dépôt distant</h2>
<div class="fr-alert fr-alert--${tone}"><p class="fr-alert__title">${escapeHtml(r.message)}</p></div>
${refused}
${r.advice ? `<p>${escapeHtml(r.advice)}</p>` : ''}
${r.detail && (r.state === 'push-failed' || r.state === 'unreachable') ? `<p>Réponse du dépôt distant : <code>${escapeHtml(r.detail)}</code></p>` : ''}
<form method="post" action="${SYNC_PATH}"><button class="fr-btn" type="submit">Synchroniser maintenant avec le dépôt distant</button></form>
<p>Le back-office récupère les modifications du dépôt toutes les minutes et y envoie chaque publication.</p>
<details><summary>Détails du dépôt distant</summary>
<dl>
<dt>Adresse</dt><dd><code>${escapeHtml(r.url)}</code>, branche <code>${escapeHtml(r.branch)}</code></dd>
<dt>Dernière récupération</dt><dd>${when(r.lastFetchAt)}</dd>
<dt>Dernier envoi</dt><dd>${when(r.lastPushAt)}</dd>
${r.received ? `<dt>Dernières modifications reçues et publiées</dt><dd>commit <code>${escapeHtml(r.received.commit.slice(0, 8))}</code> de ${escapeHtml(r.received.author)}, ${when(r.received.at)}</dd>` : ''}
<dt>Publications en attente d’envoi</dt><dd>${r.waiting}</dd>
${r.refused ? `<dt>Commit refusé</dt><dd><code>${escapeHtml(r.refused.commit)}</code> (${escapeHtml(r.refused.author)})</dd>` : ''}
${r.detail ? `<dt>Cause technique</dt><dd><code>${escapeHtml(r.detail)}</code></dd>` : ''}
</dl>
</details>`;
}
