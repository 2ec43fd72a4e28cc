/**
 * Scheduled publication (issue #21): every `intervalMs` (default 20 s: « within the minute »), the
 * drafts are read from git (drafts.ts) and each one « Prêt » whose « Publier le » has come is
 * published through the API's own path (internal-call.ts: the gate, the queue, the publication
 * guard, decap-server's merge, then the rebuild), never before (`now`, the site's clock, is
 * the only time it reads). A refusal leaves the draft « Prêt », and its reason goes to the status
 * (`schedule`: /_status.json, the status bar, /admin/statut/); it is tried again once the draft or
 * the published branch has moved. Nothing but the last refusals is held in memory: a restart
 * reads the same schedule from the same drafts.
 */
import { readDrafts, headOf } from './drafts.ts';
import { isDue, refusalKey, scheduleItems, scheduledDrafts, type Scheduled, type ScheduleRefusal, type ScheduleStatus } from './due.ts';
import type { InternalAnswer } from './internal-call.ts';
import type { Problem } from '../problems/problem.ts';
import { frenchInstant } from '../../src/content/model/datetime.ts';

export interface SchedulerOptions {
  repoDir: string;
  now: () => Date;
  log: (line: string) => void;
  /** Where the schedule is reported (the stack's status). */
  report: (s: ScheduleStatus) => void;
  /** Publishes a draft as « Publier » does (the API's path), in the name of who scheduled it. */
  publish: (s: Scheduled) => Promise<InternalAnswer>;
}

export interface Scheduler {
  /** Reads the drafts and publishes the due ones (one tick; ticks never overlap). */
  tick(): Promise<void>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

/** Twenty seconds: a due entry is published within the minute, the tick costs a few git reads. */
export const SCHEDULE_INTERVAL_MS = 20_000;

export function scheduler(o: SchedulerOptions): Scheduler {
  const refusals = new Map<string, ScheduleRefusal>();
  let running: Promise<void> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;

  const once = async () => {
    let list = scheduledDrafts(readDrafts(o.repoDir));
    for (const s of list) {
      if (stopped) return;
      const now = o.now();
      if (!isDue(s, now)) continue;
      const head = headOf(o.repoDir);
      const key = refusalKey(s, head);
      if (refusals.get(s.branch)?.key === key) continue; // refused as it is: waits for a change
      o.log(`Publication programmée de « ${s.title} » (${s.collection}/${s.slug}, prévue le ${frenchInstant(s.publishAt, now)}) : publication…`);
      const answer = await o.publish(s);
      if (answer.status < 400) {
        refusals.delete(s.branch);
        o.log(`Publication programmée de « ${s.title} » : publiée.`);
        continue;
      }
      const body = answer.body && typeof answer.body === 'object' ? answer.body as { error?: unknown; problems?: Problem[] } : {};
      const error = typeof body.error === 'string' ? body.error : `refus du serveur (HTTP ${answer.status})`;
      refusals.set(s.branch, { key, error, problems: Array.isArray(body.problems) ? body.problems : undefined, at: o.now().toISOString() });
      o.log(`Publication programmée de « ${s.title} » refusée, l’entrée reste « Prêt » : ${error}`);
    }
    list = scheduledDrafts(readDrafts(o.repoDir));
    for (const branch of refusals.keys()) if (!list.some((s) => s.branch === branch)) refusals.delete(branch);
    const now = o.now();
    o.report({ checkedAt: now.toISOString(), items: scheduleItems(list, now, headOf(o.repoDir), refusals) });
  };

  const tick = (): Promise<void> => {
    running ??= once().catch((e: unknown) => o.log(`Publication programmée : lecture des brouillons impossible : ${e instanceof Error ? e.message : String(e)}`)).finally(() => { running = undefined; });
    return running;
  };

  return {
    tick,
    start(intervalMs = SCHEDULE_INTERVAL_MS) {
      timer = setInterval(() => void tick(), intervalMs);
      timer.unref();
      void tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
