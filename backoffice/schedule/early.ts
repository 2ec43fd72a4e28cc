/**
 * The guard's rule for a scheduled entry (backoffice/guard/guard.ts): a draft whose « Publier le »
 * is still to come is not published, not even by « Publier maintenant ». Refused rather than
 * published with its date cleared: the date is the editor's promise (an announcement under
 * embargo), a click on the wrong button must not break it, and the server does not rewrite the
 * text that was reviewed. The refusal says how to publish at once: empty the field, save, publish.
 */
import { REFUSED } from '../guard/media-users.ts';
import type { GuardRefusal } from '../refusal.ts';
import { scheduledSentence } from '../../src/content/model/datetime.ts';
import { draftEntry } from './drafts.ts';
import { publishAtOf } from './due.ts';

export function earlyRefusal(repoDir: string, collection: string, slug: string, now: Date): GuardRefusal | undefined {
  const raw = draftEntry(repoDir, collection, slug);
  const at = raw === undefined ? undefined : publishAtOf(raw);
  if (!at || at.getTime() <= now.getTime()) return undefined;
  return {
    status: REFUSED,
    error: `Publication refusée : ${scheduledSentence(at, now).replace(/^Publication/, 'publication')} (heure de Paris) ; l’entrée sera publiée automatiquement à cette heure si elle est « Prêt ». Pour la publier maintenant, videz le champ « Publier le », enregistrez, puis publiez. Le site en ligne est inchangé.`,
  };
}
