/**
 * The state of the embedded site in an editor's words, shared by the status page
 * (backoffice/status/page.ts) and the banner inside /admin/ (status-banner.ts). Pure: no DOM, no
 * Node; times through Intl, « 14 h 32 ». Problems come as data (backoffice/problems/problem.ts)
 * and become sentences here, where they are shown.
 */
import { problemSentence, type Problem } from '../problems/problem.ts';
import { scheduleLine, type ScheduleStatus } from '../schedule/schedule-text.ts';

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
  /** Scheduled publications (backoffice/schedule/): the next one, or the refusal its time met. */
  schedule?: ScheduleStatus | undefined;
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

/** The one line the banner shows and the status page starts with. */
export function statusLine(s: StatusView, now = new Date()): StatusLine {
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
  // A scheduled publication refused stays in view while it lasts (a failed build first, its
  // line below); the next scheduled one shows when all is well.
  const scheduled = s.state === 'ready' ? scheduleLine(s.schedule, now) : undefined;
  if (scheduled?.tone === 'error') return scheduled;
  if (scheduled) return { tone: 'success', text: `${s.servedAt ? `En ligne depuis ${frenchTime(s.servedAt, now)}` : 'En ligne'} · ${scheduled.text}` };
  switch (s.state) {
    case 'starting':
      return { tone: 'info', text: 'Démarrage du site…' };
    case 'building':
      return { tone: 'info', text: 'Mise en ligne en cours…' };
    case 'ready':
      return { tone: 'success', text: s.servedAt ? `En ligne depuis ${frenchTime(s.servedAt, now)}` : 'En ligne' };
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
