/**
 * The schedule as the status shows it (`/_status.json` `schedule`, the status bar, /admin/statut/):
 * types and words only, no Node, no git (bundled into /admin/ with status-text.ts).
 */
import { frenchInstant, scheduledSentence } from '../../src/content/model/datetime.ts';
import type { Problem } from '../problems/problem.ts';

/** What the status says of one scheduled entry (`/_status.json` `schedule`). */
export interface ScheduleItem {
  collection: string;
  slug: string;
  title: string;
  /** ISO 8601. */
  publishAt: string;
  /** `waiting`: « Prêt », its time to come; `not-ready`: not « Prêt » (it will not be published); `refused`: its time came and the guard refused it. */
  state: 'waiting' | 'not-ready' | 'refused';
  /** Refused: the guard's French sentence, its problems as data, when. */
  error?: string | undefined;
  problems?: Problem[] | undefined;
  at?: string | undefined;
}

/** The scheduler's part of the status. */
export interface ScheduleStatus {
  /** When the drafts were last read (ISO 8601). */
  checkedAt: string;
  items: ScheduleItem[];
}

/** The guard's sentence without its « Publication refusée : » (the line already says it was refused). */
const why = (i: ScheduleItem) => (i.error ?? 'refus de la vérification.').replace(/^Publication refusée : /, '');

/** The status bar's line for the schedule, or undefined when nothing is scheduled. */
export function scheduleLine(s: ScheduleStatus | undefined, now = new Date()): { tone: 'error' | 'info'; text: string } | undefined {
  if (!s) return undefined;
  const refused = s.items.find((i) => i.state === 'refused');
  if (refused) return { tone: 'error', text: `Publication programmée de « ${refused.title} » refusée : ${why(refused)} L’entrée reste dans « Prêt ».` };
  const next = s.items.find((i) => i.state === 'waiting');
  return next ? { tone: 'info', text: `${scheduledSentence(new Date(next.publishAt), now)} : « ${next.title} »` } : undefined;
}

/** The status page's section (HTML, escaped by `esc`), or '' when nothing is scheduled. */
export function scheduleSection(s: ScheduleStatus | undefined, esc: (t: string) => string, now = new Date()): string {
  if (!s?.items.length) return '';
  const when = (i: ScheduleItem) => frenchInstant(new Date(i.publishAt), now);
  const item = (i: ScheduleItem) => {
    const what = `${i.collection === 'articles' ? 'Article' : 'Défi'} « ${esc(i.title)} » : le ${esc(when(i))}`;
    if (i.state === 'refused') return `<li>${what} — <strong>refusée</strong> : ${esc(why(i))} L’entrée reste dans « Prêt » ; corrigez-la, elle sera publiée à la vérification suivante.</li>`;
    if (i.state === 'not-ready') return `<li>${what} — pas encore « Prêt » : elle ne sera publiée qu’une fois passée en « Prêt ».</li>`;
    return `<li>${what} — « Prêt », publiée automatiquement à cette heure.</li>`;
  };
  return `<h2>Publications programmées</h2>\n<ul>${s.items.map(item).join('\n')}</ul>`;
}
