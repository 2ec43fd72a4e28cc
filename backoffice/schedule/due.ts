/**
 * What the scheduler decides, as pure functions (tests/unit/schedule.test.ts): which drafts
 * carry a « Publier le » (`publishAt`, src/content/model/common.ts), which of them are due, and
 * what the status says of them. No git, no clock of its own: the drafts and `now` are given.
 */
import { parseMarkdownFile } from '../../src/lib/content/frontmatter.ts';
import { parseInstant } from '../../src/content/model/datetime.ts';
import type { ScheduleItem } from './schedule-text.ts';

export type { ScheduleItem, ScheduleStatus } from './schedule-text.ts';
import { folderTypes } from '../../src/content/model/index.ts';
import type { Problem } from '../problems/problem.ts';

/** decap-server's workflow states (the branch description `decap-cms/<status>`). */
export type DraftStatus = 'draft' | 'pending_review' | 'pending_publish';

/** One draft of the editorial workflow as git holds it (drafts.ts reads them). */
export interface Draft {
  collection: string;
  slug: string;
  /** Its branch, `cms/<collection>/<slug>`, and that branch's commit. */
  branch: string;
  commit: string;
  status: DraftStatus | undefined;
  /** The entry's file in the draft (`content/defis/x.md`) and its text, when the draft has one. */
  path?: string | undefined;
  raw?: string | undefined;
  /** Who marked it « Prêt » in the back-office, `Name <email>` (schedule/scheduled-by.ts), when noted. */
  readyBy?: string | undefined;
}

/** A draft whose entry has a « Publier le ». */
export interface Scheduled extends Draft {
  title: string;
  publishAt: Date;
}

/** Collections whose entries may carry `publishAt` (défis, articles: the model says which). */
export const SCHEDULABLE: ReadonlySet<string> = new Set<string>(folderTypes.filter((t) => t.fields.some((f) => f.name === 'publishAt')).map((t) => t.name));

/** The « Publier le » of an entry's Markdown text, when it has a valid one. */
export function publishAtOf(raw: string): Date | undefined {
  return parseInstant(parseMarkdownFile(raw).data['publishAt']);
}

/** The drafts with a valid « Publier le », earliest first. */
export function scheduledDrafts(drafts: readonly Draft[]): Scheduled[] {
  const out: Scheduled[] = [];
  for (const d of drafts) {
    if (!SCHEDULABLE.has(d.collection) || d.raw === undefined) continue;
    const data = parseMarkdownFile(d.raw).data;
    const publishAt = parseInstant(data['publishAt']);
    if (!publishAt) continue;
    out.push({ ...d, publishAt, title: typeof data['title'] === 'string' && data['title'].trim() ? data['title'].trim() : d.slug });
  }
  return out.sort((a, b) => a.publishAt.getTime() - b.publishAt.getTime());
}

/** Whether a scheduled draft is published now: « Prêt » and its time has come (never before). */
export const isDue = (s: Pick<Scheduled, 'status' | 'publishAt'>, now: Date): boolean =>
  s.status === 'pending_publish' && s.publishAt.getTime() <= now.getTime();

/** A refusal the scheduler met, for the draft at this commit over this published head (tried again when either moves, or when someone marks it « Prêt » again). */
export interface ScheduleRefusal { key: string; error: string; problems?: Problem[] | undefined; at: string }

export const refusalKey = (s: Pick<Scheduled, 'commit' | 'readyBy'>, publishedHead: string): string => `${s.commit}@${publishedHead}${s.readyBy ? ` ${s.readyBy}` : ''}`;

/** The status items of the scheduled drafts (refusals kept per draft: `refusals` by branch). */
export function scheduleItems(list: readonly Scheduled[], now: Date, publishedHead: string, refusals: ReadonlyMap<string, ScheduleRefusal>): ScheduleItem[] {
  return list.map((s) => {
    const base = { collection: s.collection, slug: s.slug, title: s.title, publishAt: s.publishAt.toISOString() };
    const refused = refusals.get(s.branch);
    if (isDue(s, now) && refused?.key === refusalKey(s, publishedHead)) return { ...base, state: 'refused', error: refused.error, problems: refused.problems, at: refused.at };
    return { ...base, state: s.status === 'pending_publish' ? 'waiting' : 'not-ready' };
  });
}

