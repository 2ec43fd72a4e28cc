/**
 * Who may do what in the back-office: a pure function over one decap-server call (the
 * action and its params, as backoffice/actions/ parses them).
 * - redaction: reads, drafts (editorial workflow), media uploads, « ask for review »
 *   (status draft ↔ pending_review);
 * - publication: also « ready » (pending_publish), publish, delete (files on the published
 *   branch, which is also how Decap unpublishes) and discard a draft;
 * - administration: everything publication may, and the access journal (journal.ts).
 * A write that bypasses the workflow (`useWorkflow: false`) goes straight to the published
 * branch: it is a publication.
 */
import type { TypedCall } from '../actions/parse.ts';
import { refusal, type GuardRefusal } from '../gate/gate.ts';

export const ROLES = ['redaction', 'publication', 'administration'] as const;
export type Role = (typeof ROLES)[number];
const RANK: Record<Role, number> = { redaction: 0, publication: 1, administration: 2 };
export const ROLE_LABELS: Record<Role, string> = { redaction: 'rédaction', publication: 'publication', administration: 'administration' };

/** The least role a call needs. */
export function roleNeeded(call: TypedCall): Role {
  switch (call.action) {
    case 'persistEntry':
      return call.params.options.useWorkflow ? 'redaction' : 'publication';
    case 'persistMedia':
      return 'redaction';
    case 'updateUnpublishedEntryStatus':
      return call.params.newStatus === 'draft' || call.params.newStatus === 'pending_review' ? 'redaction' : 'publication';
    case 'publishUnpublishedEntry':
    case 'deleteUnpublishedEntry':
    case 'deleteFile':
    case 'deleteFiles':
      return 'publication';
    default:
      return 'redaction';
  }
}

const WHAT: Partial<Record<TypedCall['action'], string>> = {
  publishUnpublishedEntry: 'publier une entrée',
  deleteUnpublishedEntry: 'supprimer un brouillon',
  deleteFile: 'supprimer un fichier publié',
  deleteFiles: 'supprimer des fichiers publiés',
  updateUnpublishedEntryStatus: 'marquer une entrée « prête »',
  persistEntry: 'enregistrer directement sur le site publié',
};

/** The 403 an editor reads when their role does not allow the call, or undefined. */
export function roleRefusal(role: Role, call: TypedCall): GuardRefusal | undefined {
  const needed = roleNeeded(call);
  if (RANK[role] >= RANK[needed]) return undefined;
  return refusal(403, `Action refusée : votre rôle (${ROLE_LABELS[role]}) ne permet pas de ${WHAT[call.action] ?? 'faire cette action'}. Demandez à une personne du rôle ${ROLE_LABELS[needed]} de le faire.`);
}

export const mayReadJournal = (role: Role): boolean => role === 'administration';
