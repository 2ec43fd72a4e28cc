/**
 * An entry's history page (/admin/historique/?collection=…&slug=…): its draft saves and
 * published versions (date, author, fields changed by their labels), « Restaurer cette
 * version », the undoing of its last publication (a confirmation, then a draft), and the
 * comparison of two versions chosen in two lists. Pure: the git facts come as data (log.ts).
 */
import { fieldChanges, parseVersion, textBlocks } from './changes.ts';
import { adminLink, historyLink, titleOf, type EntryRef } from './entries.ts';
import { blocksHtml, escapeHtml, frame, frenchList, noticeHtml, postForm, when, type Notice } from './html.ts';
import { MAX_VERSIONS, type EntryHistory, type UndoTarget, type Version } from './log.ts';
import { SCHEDULED_SUBJECT } from '../schedule/scheduled-by.ts';

export const RESTORE_PATH = '/admin/historique/restaurer';
export const UNDO_PATH = '/admin/historique/annuler';

const STATUS: Record<string, string> = { draft: 'Brouillon', pending_review: 'En relecture', pending_publish: 'Prêt' };

export interface EntryPageInput {
  entry: EntryRef;
  history: EntryHistory;
  undo?: UndoTarget | undefined;
  /** `?annuler=1`: the undo's confirmation is shown. */
  confirmUndo?: boolean;
  /** The two versions to compare (commits), with their files. */
  compare?: { from: string; to: string; before: string | undefined; after: string | undefined } | undefined;
  notice?: Notice | undefined;
}

/** The fields a version changed, against the version before it, as « Titre et Texte ». */
function changedLabels(e: EntryRef, v: Version, previous: Version | undefined): string {
  if (v.raw === undefined) return 'Entrée supprimée';
  if (!previous) return 'Première version';
  if (previous.raw === undefined) return 'Entrée recréée';
  const labels = fieldChanges(e.fields, parseVersion(previous.raw), parseVersion(v.raw)).map((c) => c.label);
  return labels.length ? `Champs modifiés : ${frenchList(labels)}` : 'Aucun champ modifié';
}

/** The comparison of two files, field by field. */
export function comparisonHtml(e: EntryRef, before: string | undefined, after: string | undefined): string {
  const changes = fieldChanges(e.fields, parseVersion(before), parseVersion(after));
  if (!changes.length) return '<p>Ces deux versions sont identiques.</p>';
  return changes.map((c) => `<div class="eig-field"><h3>${escapeHtml(c.label)}</h3>
${c.before === undefined ? '<p>Champ vide avant, rempli après.</p>' : c.after === undefined ? '<p>Champ vidé.</p>' : ''}${blocksHtml(textBlocks(c.before ?? '', c.after ?? ''))}</div>`).join('\n');
}

function versionItem(e: EntryRef, v: Version, previous: Version | undefined, current: string | undefined, badge: string, passing = false): string {
  const id = `v-${v.commit.slice(0, 12)}`;
  const restorable = v.raw !== undefined && v.raw !== current;
  const compare = previous ? `<a href="${escapeHtml(historyLink(e, { de: previous.commit, a: v.commit }))}#comparaison">Voir les changements<span class="fr-sr-only"> de la version du ${escapeHtml(when(v.date))}</span></a>` : '';
  return `<li><h3 id="${id}">${escapeHtml(when(v.date))}${badge ? `<span class="eig-badge">${escapeHtml(badge)}</span>` : ''}</h3>
<p>Par ${escapeHtml(v.author)}${v.message.startsWith(SCHEDULED_SUBJECT) ? ' (publication programmée)' : ''} — ${escapeHtml(changedLabels(e, v, previous))}</p>${passing ? '\n<p>Enregistrement de brouillon publié avec la version suivante : il n’a jamais été en ligne seul.</p>' : ''}
<div class="eig-actions">${compare}${restorable ? postForm(RESTORE_PATH, { collection: e.collection, slug: e.slug, commit: v.commit }, 'Restaurer cette version', true, id) : ''}</div></li>`;
}

function undoSection(i: EntryPageInput, title: string): string {
  const { entry: e, undo, history } = i;
  if (!undo) return '';
  const what = undo.raw === undefined
    ? 'Cette entrée était nouvelle : annuler sa publication la retire du site (suppression, réservée au rôle publication ; la publication la vérifie comme toute suppression).'
    : 'Annuler crée un brouillon de la version publiée avant elle ; ce brouillon passe par la relecture et la publication comme tout brouillon.';
  const draft = history.drafts.length ? ' Le brouillon en cours sera remplacé (ses enregistrements restent dans cet historique).' : '';
  if (!i.confirmUndo) {
    return `<h2>Dernière publication</h2>
<p>Publiée le ${escapeHtml(when(undo.at))} par ${escapeHtml(undo.author)}.</p>
<p><a class="fr-btn fr-btn--secondary" href="${escapeHtml(historyLink(e, { annuler: '1' }))}#annulation">Annuler la dernière publication</a></p>`;
  }
  return `<h2 id="annulation" tabindex="-1">Annuler la dernière publication de « ${escapeHtml(title)} »</h2>
<p id="annulation-effet">${escapeHtml(what + draft)}</p>
<h3>Ce qui changera par rapport à la version en ligne</h3>
${comparisonHtml(e, history.published[0]?.raw, undo.raw)}
<div class="eig-actions">${postForm(UNDO_PATH, { collection: e.collection, slug: e.slug, base: history.published[0]?.commit ?? '' }, undo.raw === undefined ? 'Confirmer : retirer l’entrée du site' : 'Confirmer : créer le brouillon', false, 'annulation-effet')}
<a href="${escapeHtml(historyLink(e))}">Ne pas annuler</a></div>`;
}

function compareForm(i: EntryPageInput): string {
  const all = [...i.history.drafts.map((v) => ({ v, what: 'brouillon' })), ...i.history.published.map((v) => ({ v, what: 'publiée' }))].filter((x) => x.v.raw !== undefined);
  if (all.length < 2) return '';
  const options = (selected: string | undefined) => all.map(({ v, what }) => `<option value="${v.commit}"${v.commit === selected ? ' selected' : ''}>${escapeHtml(`${when(v.date)} (${what}, ${v.author})`)}</option>`).join('');
  const from = i.compare?.from ?? all[1]!.v.commit;
  const to = i.compare?.to ?? all[0]!.v.commit;
  const result = i.compare
    ? `<h3 class="fr-sr-only">Résultat</h3>${comparisonHtml(i.entry, i.compare.before, i.compare.after)}`
    : '';
  return `<h2 id="comparaison" tabindex="-1">Comparer deux versions</h2>
<form method="get" action="/admin/historique/#comparaison" class="eig-compare">
<input type="hidden" name="collection" value="${escapeHtml(i.entry.collection)}"><input type="hidden" name="slug" value="${escapeHtml(i.entry.slug)}">
<div><label for="de">Version de départ</label><select id="de" name="de">${options(from)}</select></div>
<div><label for="a">Version d’arrivée</label><select id="a" name="a">${options(to)}</select></div>
<button type="submit" class="fr-btn">Comparer</button></form>
${result}`;
}

export function entryPage(i: EntryPageInput): string {
  const { entry: e, history } = i;
  const current = history.drafts[0]?.raw ?? history.published[0]?.raw;
  const latest = history.drafts[0] ?? history.published[0];
  const title = titleOf(e, parseVersion(latest?.raw ?? history.published.find((v) => v.raw !== undefined)?.raw)?.data);
  const online = history.published[0]?.raw !== undefined;
  const drafts = history.drafts.length
    ? `<h2>Brouillon en cours <span class="eig-badge">${escapeHtml(STATUS[history.draftStatus ?? ''] ?? 'Brouillon')}</span></h2>
<p>Enregistrements pas encore publiés, le plus récent d’abord.</p>
<ol class="eig-versions">${history.drafts.map((v, n) => versionItem(e, v, history.drafts[n + 1] ?? history.published[0], current, n === 0 ? 'brouillon actuel' : '')).join('\n')}</ol>`
    : '';
  const published = history.published.length
    ? `<h2>Versions publiées</h2>
<ol class="eig-versions">${history.published.map((v, n) => versionItem(e, v, history.published[n + 1], current, n === 0 && online ? 'en ligne' : '', history.online ? !history.online.has(v.commit) : false)).join('\n')}</ol>`
    : '<h2>Versions publiées</h2><p>Cette entrée n’a jamais été publiée.</p>';
  const more = history.published.length >= MAX_VERSIONS ? `<p>Seules les ${MAX_VERSIONS} dernières versions sont listées.</p>` : '';
  const body = `<h1>Historique : ${escapeHtml(e.kind.toLowerCase())} « ${escapeHtml(title)} »</h1>
${noticeHtml(i.notice)}
<p>${online || history.drafts.length ? `<a href="${escapeHtml(adminLink(e))}">Ouvrir l’entrée dans le back-office</a>` : 'Cette entrée a été supprimée du site : restaurez une de ses versions pour la retrouver en brouillon.'}</p>
${undoSection(i, title)}
${drafts}
${published}
${more}
${compareForm(i)}`;
  return frame(`Historique de « ${title} »`, body);
}
