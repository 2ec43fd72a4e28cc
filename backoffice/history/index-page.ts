/**
 * The history's front page (/admin/historique/): the last changes published, each entry linked
 * to its own history, and the deleted entries, each restorable as a draft. Pure.
 */
import { parseVersion } from './changes.ts';
import { historyLink, titleOf, type EntryRef } from './entries.ts';
import { escapeHtml, frame, noticeHtml, postForm, when, type Notice } from './html.ts';
import type { Change, Deleted } from './log.ts';
import { RESTORE_PATH } from './page.ts';

const VERB = { A: 'créé', M: 'modifié', D: 'supprimé' } as const;

export interface IndexPageInput {
  changes: readonly (Change & { title: string })[];
  deleted: readonly Deleted[];
  notice?: Notice | undefined;
}

const name = (e: EntryRef, title: string) => `${e.kind} « ${title} »`;

export function indexPage(i: IndexPageInput): string {
  const changes = i.changes.length
    ? `<ol class="eig-versions">${i.changes.map((c) => `<li><p><a href="${escapeHtml(historyLink(c.entry))}">${escapeHtml(name(c.entry, c.title))}</a></p>
<p>${VERB[c.status]} le ${escapeHtml(when(c.version.date))} par ${escapeHtml(c.version.author)}</p></li>`).join('\n')}</ol>`
    : '<p>Aucune modification publiée pour l’instant.</p>';
  const deleted = i.deleted.length
    ? `<ul class="eig-versions">${i.deleted.map((d, n) => {
      const title = titleOf(d.entry, parseVersion(d.raw)?.data);
      const id = `supprime-${n}`;
      return `<li><h3 id="${id}">${escapeHtml(name(d.entry, title))}</h3>
<p>Supprimé le ${escapeHtml(when(d.deletion.date))} par ${escapeHtml(d.deletion.author)}</p>
<div class="eig-actions"><a href="${escapeHtml(historyLink(d.entry))}">Voir ses versions<span class="fr-sr-only"> (${escapeHtml(title)})</span></a>${postForm(RESTORE_PATH, { collection: d.entry.collection, slug: d.entry.slug, commit: d.lastCommit }, 'Restaurer en brouillon', true, id)}</div></li>`;
    }).join('\n')}</ul>`
    : '<p>Aucune entrée supprimée.</p>';
  return frame('Historique des modifications', `<h1>Historique des modifications</h1>
${noticeHtml(i.notice)}
<p>Chaque version publiée et chaque enregistrement de brouillon sont gardés : ouvrez une entrée pour comparer ses versions, en restaurer une ou annuler sa dernière publication. Une restauration crée un brouillon, qui passe par la relecture et la publication comme tout brouillon.</p>
<h2>Entrées supprimées</h2>
${deleted}
<h2>Dernières modifications publiées</h2>
${changes}`);
}
