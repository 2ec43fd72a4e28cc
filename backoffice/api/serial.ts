/** A queue of async tasks, one at a time, each with a time limit (the back-office's API calls and previews). */

/** What serial() gives a caller whose task ran past the queue's time limit. */
export class TaskTimeout extends Error {
  constructor(readonly ms: number) { super(`tâche abandonnée après ${Math.round(ms / 1000)} s`); }
}

/**
 * A queue that runs one task at a time, in order. A task that has not settled after `timeoutMs`
 * is given up: its caller gets a TaskTimeout and the next task starts, so a task that never
 * settles (one waiting for an event that was lost) cannot stop the queue for good. The task
 * given up may still be running: a caller whose tasks must not overlap deals with that itself
 * (cms-calls.ts).
 */
export function serial(timeoutMs = Infinity): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>) => {
    const run = tail.then(() => bounded(task, timeoutMs));
    tail = run.catch(() => undefined);
    return run;
  };
}

function bounded<T>(task: () => Promise<T>, ms: number): Promise<T> {
  if (!Number.isFinite(ms)) return Promise.resolve().then(task);
  return new Promise<T>((ok, fail) => {
    const timer = setTimeout(() => fail(new TaskTimeout(ms)), ms);
    Promise.resolve().then(task).then((v) => { clearTimeout(timer); ok(v); }, (e: unknown) => { clearTimeout(timer); fail(e); });
  });
}
