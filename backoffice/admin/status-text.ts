/**
 * The state of the embedded site in an editor's words, shared by the status page
 * (backoffice/status/page.ts) and the banner inside /admin/ (status-banner.ts). Pure: no DOM, no
 * Node; times through Intl, « 14 h 32 » (statusLine's sentence with non-breaking spaces). Problems come as data (backoffice/problems/problem.ts)
 * and become sentences here, where they are shown.
 */
import { problemSentence, type Problem } from '../problems/problem.ts';
import { scheduleLine, type ScheduleStatus } from '../schedule/schedule-text.ts';
import { frenchSpaces } from './french-spaces.ts';

/** What the banner and the status page need of the stack's status (`/_status.json`). */
export interface StatusView {
  state: 'starting' | 'building' | 'ready' | 'failed';
  servedAt?: string | undefined;
  error?: {
    at: string;
    /** What the content checks refused, as data. */
    problems?: Problem[] | undefined;
    /** `environment`: the server failed, not the content (retried at `retryAt`). */
    kind?: 'content' | 'environment' | undefined; cause?: string | undefined; retryAt?: string | undefined;
  } | undefined;
  /** The back-office repository's health: while damaged, writes are suspended (its message says why). */
  repository?: { ok: true } | { ok: false; message: string } | undefined;
  /** The last call the guard refused (publication, deletion), with its French message. */
  refusal?: { action: string; error: string; at: string; problems?: Problem[] | undefined } | undefined;
  /** Commit the served site was built from. */
  served?: string | undefined;
  /** Who published the served commit, what and when (backoffice/publish/publication.ts). */
  publication?: PublicationView | undefined;
  /** The public site's folder (PUBLISH_DIR) and the deploy command's last run. */
  live?: { commit: string; at: string; deploy?: { state: 'running' | 'ok' | 'failed'; commit: string; at: string; code?: number | null | undefined; timedOut?: boolean | undefined; stderr?: string | undefined } | undefined } | undefined;
  /** The exchange with the content remote (git/sync.ts): its sentence is shown while `problem`. */
  remote?: { problem: boolean; message: string } | undefined;
  /** Scheduled publications (backoffice/schedule/): the next one, or the refusal its time met. */
  schedule?: ScheduleStatus | undefined;
}

export interface PublicationView {
  commit: string;
  author: { name: string; email?: string | undefined };
  at: string;
  entries: Array<{ kind: string; title: string; admin?: string | undefined; change: 'added' | 'modified' | 'deleted' }>;
  more: number;
}

/** The programme's time zone: publication times read the same from any server or browser. */
export const SITE_TIME_ZONE = 'Europe/Paris';

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

/** « Défi « Eau claire » », « Défi « Eau claire » (supprimé) et 2 autres contenus ». */
export function publishedWhat(p: Pick<PublicationView, 'entries' | 'more'>): string {
  const [first] = p.entries;
  if (!first) return '';
  const others = p.entries.length - 1 + p.more;
  return `${first.kind} « ${first.title} »${first.change === 'deleted' ? ' (supprimé)' : ''}${others ? ` et ${plural(others, 'autre')} contenu${others > 1 ? 's' : ''}` : ''}`;
}

/** « Publié par Camille Martin à 14 h 32 : Défi « Eau claire » » (Europe/Paris time). */
export function publishedLine(p: PublicationView, now = new Date()): string {
  const what = publishedWhat(p);
  const when = frenchTime(p.at, now, SITE_TIME_ZONE);
  return `Publié par ${p.author.name || 'une personne inconnue'} ${when.includes(' à ') ? 'le' : 'à'} ${when}${what ? ` : ${what}` : ''}`;
}

/** The deploy command's failure, or undefined (PUBLISH_DIR's DEPLOY_COMMAND). */
export function deployFailure(s: Pick<StatusView, 'live'>, now = new Date()): string | undefined {
  const d = s.live?.deploy;
  if (d?.state !== 'failed') return undefined;
  const why = d.timedOut ? 'arrêtée, trop longue' : d.code === null || d.code === undefined ? 'la commande n’a pas pu être lancée' : `code de sortie ${d.code}`;
  const last = (d.stderr ?? '').trim().split('\n').pop()?.trim();
  return `Échec du déploiement à ${frenchTime(d.at, now, SITE_TIME_ZONE)} (${why})${last ? ` : ${last.slice(0, 200)}` : ''}. Le site est en ligne sur ce serveur ; le déploiement sera relancé à la prochaine publication.`;
}

/** How long a refusal stays in the banner (Decap's own toast goes after 8 s). */
export const REFUSAL_SHOWN_MS = 120_000;

const parts = (d: Date, o: Intl.DateTimeFormatOptions) =>
  Object.fromEntries(new Intl.DateTimeFormat('fr-FR', o).formatToParts(d).map((p) => [p.type, p.value]));

/** « 14 h 32 » today, « 28 novembre à 14 h 32 » another day (the editor's time zone). */
export function frenchTime(iso: string, now = new Date(), timeZone?: string): string {
  const d = new Date(iso);
  const zone = timeZone ? { timeZone } : {};
  const t = parts(d, { hour: 'numeric', minute: '2-digit', hourCycle: 'h23', ...zone });
  const time = `${Number(t['hour'])} h ${t['minute']}`;
  const day = (x: Date) => new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', ...zone }).format(x);
  return day(d) === day(now) ? time : `${new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', ...zone }).format(d)} à ${time}`;
}

export interface StatusLine {
  tone: 'info' | 'success' | 'error';
  /** One short sentence. */
  text: string;
}

/**
 * The one line the banner shows and the status page starts with, with French non-breaking
 * spaces (french-spaces.ts): on a phone it wraps, and « : » must not start a line.
 */
export function statusLine(s: StatusView, now = new Date()): StatusLine {
  const line = rawLine(s, now);
  return { ...line, text: frenchSpaces(line.text) };
}

function rawLine(s: StatusView, now: Date): StatusLine {
  if (s.repository && !s.repository.ok) return { tone: 'error', text: s.repository.message };
  const r = s.refusal;
  if (r && now.getTime() - Date.parse(r.at) < REFUSAL_SHOWN_MS && s.state !== 'building') {
    // A refusal of the content checks: its first problem, the count of the others, and that
    // nothing changed online (the whole list is on the status page).
    const first = r.problems?.[0];
    if (first) {
      const verb = r.action === 'publishUnpublishedEntry' || r.action === 'persistEntry' ? 'Publication' : 'Suppression';
      const linked = r.problems!.filter((p) => p.related?.length).length;
      const more = r.problems!.length - 1 - linked;
      const rest = [more ? `${more} autre${more > 1 ? 's' : ''} problème${more > 1 ? 's' : ''}` : '', linked ? `${linked} contenu${linked > 1 ? 's' : ''} lié${linked > 1 ? 's' : ''}` : ''].filter(Boolean).join(', ');
      return { tone: 'error', text: `${verb} refusée à ${frenchTime(r.at, now)} : ${problemSentence(first)}${rest ? ` (et ${rest})` : ''}. Le site en ligne est inchangé.` };
    }
    return { tone: 'error', text: `${r.error} (${frenchTime(r.at, now)})` };
  }
  switch (s.state) {
    case 'starting':
      return { tone: 'info', text: 'Démarrage du site…' };
    case 'building':
      return { tone: 'info', text: 'Mise en ligne en cours…' };
    case 'ready': {
      if (s.remote?.problem) return { tone: 'error', text: s.remote.message };
      const deploy = deployFailure(s, now);
      if (deploy) return { tone: 'error', text: deploy };
      // A scheduled publication refused stays in view while it lasts; the next scheduled one is
      // said after the site's state when all is well.
      const scheduled = scheduleLine(s.schedule, now);
      if (scheduled?.tone === 'error') return scheduled;
      const online = s.publication && (!s.served || s.publication.commit === s.served) ? publishedLine(s.publication, now)
        : s.servedAt ? `En ligne depuis ${frenchTime(s.servedAt, now)}` : 'En ligne';
      return { tone: 'success', text: scheduled ? `${online} · ${scheduled.text}` : online };
    }
    case 'failed': {
      if (s.error?.kind === 'environment') {
        return { tone: 'error', text: `${s.error.cause ?? 'Le site n’a pas pu être construit'}. Le site montre la version précédente ; nouvel essai automatique${s.error.retryAt ? ` à ${frenchTime(s.error.retryAt, now)}` : ''}.` };
      }
      const problem = s.error?.problems?.[0];
      const first = problem && problemSentence(problem);
      return { tone: 'error', text: `Échec de la mise en ligne : ${first ?? 'la construction du site a échoué'}. Le site montre la version précédente.` };
    }
  }
}
