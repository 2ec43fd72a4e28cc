/** The team back-office's own pages (French, no script): sign-in refused, signed out, journal. */
import type { Editor } from './editors.ts';
import type { JournalEntry } from './journal.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const when = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Paris' });

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} – Back-office EIG</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#161616}a{color:#000091}table{border-collapse:collapse;width:100%}.scroll{overflow-x:auto}.scroll table{min-width:40rem}.scroll:focus{outline:2px solid #000091}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}</style></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

/** An address that is not in the editors' list: whom to ask. */
export function unknownEditorPage(email: string, admins: Editor[]): string {
  const whom = admins.length
    ? `<p>Pour obtenir un accès, écrivez à ${admins.map((a) => `<a href="mailto:${escape(a.email)}">${escape(a.name ?? a.email)}</a>`).join(', ')} (administration du back-office), en donnant votre adresse et le rôle souhaité (rédaction ou publication).</p>`
    : '<p>Pour obtenir un accès, demandez à la personne qui administre le serveur du back-office de vous ajouter à la liste des éditeurs.</p>';
  return page('Accès refusé', `<p>Vous êtes bien identifié·e (${escape(email)}), mais cette adresse ne figure pas dans la liste des éditeurs du site.</p>${whom}<p><a href="/auth/logout">Se déconnecter</a></p>`);
}

export const failedSignInPage = (reason: string): string =>
  page('La connexion a échoué', `<p>${escape(reason)}</p><p><a href="/auth/login">Réessayer de se connecter</a></p>`);

export const signedOutPage = (): string =>
  page('Vous êtes déconnecté·e', '<p>Votre session du back-office est terminée.</p><p><a href="/auth/login">Se reconnecter</a></p>');

export const forbiddenPage = (what: string): string => page('Accès refusé', `<p>${escape(what)}</p><p><a href="/admin/">Retour au back-office</a></p>`);

const KINDS: Record<JournalEntry['kind'], string> = { connexion: 'Connexion', refus: 'Refus', publication: 'Publication', action: 'Action', deconnexion: 'Déconnexion' };

export function journalPage(entries: JournalEntry[]): string {
  const rows = entries.map((e) => `<tr><td>${escape(when.format(new Date(e.at)))}</td><td>${KINDS[e.kind]}</td><td>${escape(e.name ? `${e.name} <${e.email ?? ''}>` : e.email ?? '—')}</td><td>${escape(e.detail)}</td></tr>`).join('');
  return page('Journal des accès', `<p>Les ${entries.length} derniers évènements, du plus récent au plus ancien.</p>
<div class="scroll" tabindex="0" role="region" aria-label="Évènements"><table><thead><tr><th scope="col">Date</th><th scope="col">Évènement</th><th scope="col">Personne</th><th scope="col">Détail</th></tr></thead><tbody>${rows}</tbody></table></div>`);
}
