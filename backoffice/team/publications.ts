/**
 * The publications in the team back-office's access journal (journal.ts), from the stack's
 * events (StackOptions.onPublished, publish/events.ts): who published what, whether through
 * Decap, at a « Publier le » (in the name of who scheduled it), or by a commit pushed to the
 * content remote; and what the guard refused of the last two. One line each, in French.
 */
import { frenchInstant } from '../../src/content/model/datetime.ts';
import type { PublishedEvent } from '../publish/events.ts';
import type { Journal, JournalEntry } from './journal.ts';

const short = (commit: string) => commit.slice(0, 8);
const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

/** The journal line of one event (without its time, which the journal adds). */
export function journalLine(e: PublishedEvent, now: Date = new Date()): Omit<JournalEntry, 'at'> {
  switch (e.kind) {
    case 'editor':
      return { kind: 'publication', email: e.author?.email, name: e.author?.name, detail: `publication ${e.entry.collection}/${e.entry.slug}` };
    case 'scheduled':
      return {
        kind: 'publication', email: e.author?.email, name: e.author?.name,
        detail: `publication programmée ${e.entry.collection}/${e.entry.slug} « ${e.entry.title} », prévue le ${frenchInstant(new Date(e.publishAt), now)}, ${e.from === 'ready' ? 'au nom de la personne qui l’a marquée « Prêt »' : 'au nom du dernier auteur du brouillon'} (commit ${short(e.commit)})`,
      };
    case 'scheduled-refused':
      return { kind: 'refus', email: e.author?.email, name: e.author?.name, detail: `publication programmée refusée ${e.entry.collection}/${e.entry.slug} « ${e.entry.title} » (prévue le ${frenchInstant(new Date(e.publishAt), now)}), le brouillon reste « Prêt » : ${e.error}` };
    case 'remote': {
      const first = e.authors[0];
      const others = e.authors.length > 1 ? `, avec ${e.authors.slice(1).map((a) => a.name).join(', ')}` : '';
      return {
        kind: 'publication', email: first?.email, name: first?.name,
        detail: `commit du dépôt distant publié : ${plural(e.count, 'commit')} jusqu’à ${short(e.commit)}${others}${e.merge ? `, fusionné avec les publications du back-office (${short(e.merge)})` : ''}`,
      };
    }
    case 'remote-refused':
      return { kind: 'refus', email: e.author?.email, name: e.author?.name, detail: `commit du dépôt distant refusé par les vérifications (${short(e.commit)}), non publié : ${e.error}` };
  }
}

/** StackOptions.onPublished for a journal. */
export const journalPublications = (journal: Journal) => (e: PublishedEvent): void => journal.add(journalLine(e));
