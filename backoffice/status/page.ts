/**
 * The status page of the embedded back-office (/admin/statut/), in an editor's language: what
 * state the site is in and since when, which entry and which field stopped the last publication
 * or the last refused one (problems as data, backoffice/problems/: one item per problem, what to
 * do, links to the entries in the back-office), and that the site online is unchanged; commits
 * and `file:line (field)` only in a collapsed « Détails techniques » block. DSFR class
 * names and a small inline stylesheet (the page must work before any build exists).
 */
import type { StackStatus } from '../types.ts';
import { problemAdvice, problemEntries, problemPlace, problemSentence, type Problem, type ProblemEntry } from '../problems/problem.ts';
import { statusLine, frenchTime, deployFailure, SITE_TIME_ZONE } from '../admin/status-text.ts';
import { REMOTE_STYLE, remoteSection } from './remote.ts';
import { scheduleSection } from '../schedule/schedule-text.ts';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `body{margin:0;font-family:Marianne,system-ui,sans-serif;line-height:1.5;color:#161616}
.fr-container{max-width:60rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:2rem;margin:0 0 1rem}h2{font-size:1.375rem;margin:2rem 0 .75rem}
.fr-alert{border:1px solid;border-left-width:.5rem;padding:.75rem 1rem;margin:1rem 0}
.fr-alert--success{border-color:#18753c;background:#b8fec9}.fr-alert--error{border-color:#ce0500;background:#ffe9e9}.fr-alert--info{border-color:#0063cb;background:#e8edff}
.fr-alert__title{font-weight:700;margin:0}
details{margin:1.5rem 0;border:1px solid #ddd;padding:.5rem 1rem}summary{cursor:pointer;font-weight:700}
pre,code{white-space:pre-wrap;word-break:break-word;font-size:.875rem}
a{color:#000091}a:focus,summary:focus{outline:2px solid #0a76f6;outline-offset:2px}
.fr-links{display:flex;gap:1.5rem;flex-wrap:wrap;margin-top:2rem}
${REMOTE_STYLE}`;

const link = (e: ProblemEntry) => e.admin ? `<a href="${escapeHtml(e.admin)}">${escapeHtml(`${e.kind} « ${e.title} »`)}</a>` : escapeHtml(`${e.kind} « ${e.title} »`);

/** One item per problem: the sentence, what to do, the entries involved as links. */
function problemList(problems: readonly Problem[]): string {
  return `<ul>${problems.map((p) => `<li>${escapeHtml(problemSentence(p))}. ${escapeHtml(problemAdvice(p))}<br>Ouvrir : ${problemEntries([p]).map(link).join(', ')}</li>`).join('\n')}</ul>`;
}

const CHANGE = { added: 'ajouté', modified: 'modifié', deleted: 'supprimé' } as const;

/** Who published the served version, when, and what (links to the entries). */
function publicationBlock(s: StackStatus, now: Date): string {
  const p = s.publication;
  if (!p || (s.served && p.commit !== s.served)) return '';
  const when = frenchTime(p.at, now, SITE_TIME_ZONE);
  const items = p.entries.map((e) => {
    const name = escapeHtml(`${e.kind} « ${e.title} »`);
    return `<li>${e.admin && e.change !== 'deleted' ? `<a href="${escapeHtml(e.admin)}">${name}</a>` : name} (${CHANGE[e.change]})</li>`;
  });
  if (p.more) items.push(`<li>et ${p.more} autre${p.more > 1 ? 's' : ''}</li>`);
  return `<h2>Dernière publication</h2>
<p>Publié par <strong>${escapeHtml(p.author.name || 'une personne inconnue')}</strong> ${when.includes(' à ') ? 'le' : 'à'} ${escapeHtml(when)}${items.length ? ' :' : '.'}</p>
${items.length ? `<ul>${items.join('')}</ul>` : ''}`;
}

/** The public site's folder (PUBLISH_DIR) and the deploy command's last run. */
function liveBlock(s: StackStatus, now: Date): string {
  const l = s.live;
  if (!l) return '';
  const d = l.deploy;
  const failure = deployFailure(s, now);
  const deploy = !d ? '' : d.state === 'running' ? '<p>Déploiement en cours…</p>'
    : failure ? `<p>Dernier déploiement : échec à ${escapeHtml(frenchTime(d.at, now, SITE_TIME_ZONE))} (${d.timedOut ? 'arrêté, trop long' : typeof d.code === 'number' ? `code de sortie ${d.code}` : 'la commande n’a pas pu être lancée'}) ; il sera relancé à la prochaine publication.</p>${d.stderr ? `<p>Fin de la sortie d’erreur de la commande :</p><pre>${escapeHtml(d.stderr)}</pre>` : ''}`
    : `<p>Déploiement réussi à ${escapeHtml(frenchTime(d.at, now, SITE_TIME_ZONE))}.</p>`;
  return `<h2>Site public</h2>
<p>Version mise en ligne à ${escapeHtml(frenchTime(l.at, now, SITE_TIME_ZONE))}.</p>
${deploy}`;
}

/** The status page (French, accessible). Reloads itself when the state changes. */
export function statusPage(s: StackStatus, now = new Date()): string {
  // The site's state on top; the content remote's has its own part below (remote.ts).
  const line = statusLine({ ...s, remote: undefined }, now);
  const problems = s.error?.problems ?? [];
  const online = s.servedAt ? `la version en ligne depuis ${escapeHtml(frenchTime(s.servedAt, now))}` : 'la version précédente';
  const refused = s.refusal?.problems?.length ? s.refusal : undefined;
  const refusal = refused
    ? `<h2>Dernière demande refusée (${escapeHtml(frenchTime(refused.at, now))})</h2>
${problemList(refused.problems!)}
<p>Rien n’a été publié : le site en ligne est inchangé, il montre toujours ${online}.</p>`
    : '';
  const failure = s.error?.kind === 'environment'
    ? `<h2>Ce qui a empêché la mise en ligne</h2>
<p>${escapeHtml(s.error.cause ?? 'Le site n’a pas pu être construit.')}.</p>
<p>Le contenu n’est pas en cause : le site continue de montrer la version précédente et le serveur réessaie tout seul${s.error.retryAt ? ` (prochain essai à ${escapeHtml(frenchTime(s.error.retryAt, now))})` : ''}. Si l’erreur persiste, prévenez la personne qui administre le serveur.</p>`
    : s.error
    ? `<h2>Ce qui a empêché la mise en ligne</h2>
${problems.length ? problemList(problems) : '<p>La construction du site a échoué pour une raison technique (voir les détails ci-dessous ou le terminal).</p>'}
<p>Le site en ligne est inchangé : il montre toujours ${online}. Corrigez ce contenu dans le back-office puis publiez-le de nouveau.</p>`
    : '';
  const repository = s.repository && !s.repository.ok
    ? `<h2>Dépôt du back-office</h2>\n<p>${escapeHtml(s.repository.message)}</p>${s.repository.detail ? `\n<p>Cause technique : <code>${escapeHtml(s.repository.detail)}</code></p>` : ''}`
    : '';
  const details = [
    `<dt>Version publiée</dt><dd><code>${escapeHtml(s.published)}</code></dd>`,
    `<dt>Version en ligne</dt><dd><code>${escapeHtml(s.served ?? '—')}</code>${s.servedAt ? ` (${escapeHtml(frenchTime(s.servedAt, now))})` : ''}</dd>`,
    s.lastBuildMs ? `<dt>Dernière construction</dt><dd>${(s.lastBuildMs / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s (${s.builds} depuis le démarrage)</dd>` : '',
    s.publication ? `<dt>Publié par</dt><dd>${escapeHtml(`${s.publication.author.name} <${s.publication.author.email}>`)}, <code>${escapeHtml(s.publication.commit)}</code></dd>` : '',
    s.error ? `<dt>Version refusée</dt><dd><code>${escapeHtml(s.error.commit)}</code>, ${escapeHtml(frenchTime(s.error.at, now))}</dd>` : '',
  ].join('\n');
  const technical = `<details><summary>Détails techniques</summary>
<dl>${details}</dl>
${refused ? `<p>Demande refusée (fichier:ligne (champ)) :</p><ul>${refused.problems!.map((p) => `<li><code>${escapeHtml(problemPlace(p))}</code> : ${escapeHtml(p.message)}</li>`).join('')}</ul>` : ''}
${problems.length ? `<p>Erreurs (fichier:ligne (champ)) :</p><ul>${problems.map((p) => `<li><code>${escapeHtml(problemPlace(p))}</code> : ${escapeHtml(p.message)}</li>`).join('')}</ul>` : ''}
${s.error?.output ? `<p>Fin de la sortie de la construction :</p><pre>${escapeHtml(s.error.output.slice(-20000))}</pre>` : ''}
</details>`;
  const key = `${s.state}|${s.served ?? ''}|${s.error?.commit ?? ''}|${s.repository?.ok === false ? 'damaged' : ''}|${s.refusal?.at ?? ''}|${s.live?.deploy?.state ?? ''}|${s.remote ? `${s.remote.state}${s.remote.waiting}` : ''}`;
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>État du site — back-office EIG</title><style>${STYLE}</style></head>
<body><main class="fr-container" id="contenu">
<h1>État du site</h1>
<div class="fr-alert fr-alert--${line.tone}" role="status" aria-live="polite"><p class="fr-alert__title">${escapeHtml(line.text)}</p></div>
${repository}
${failure}
${refusal}
${publicationBlock(s, now)}
${liveBlock(s, now)}
${remoteSection(s.remote, now, problemList)}
${scheduleSection(s.schedule, escapeHtml, now)}
${technical}
<p class="fr-links"><a href="/admin/">Retour au back-office</a><a href="/">Voir le site</a></p>
</main>
<script>(() => { const key = ${JSON.stringify(key)}; setInterval(async () => { try { const s = await (await fetch('/_status.json', { cache: 'no-store' })).json(); if ([s.state, s.served || '', (s.error && s.error.commit) || '', s.repository && s.repository.ok === false ? 'damaged' : '', (s.refusal && s.refusal.at) || '', (s.live && s.live.deploy && s.live.deploy.state) || '', s.remote ? s.remote.state + s.remote.waiting : ''].join('|') !== key) location.reload(); } catch {} }, 3000); })();</script>
</body></html>`;
}
