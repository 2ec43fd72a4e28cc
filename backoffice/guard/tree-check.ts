/**
 * The content checks of a git tree of the back-office repository, run in a worker thread
 * (check-worker.ts) so that the server's event loop never waits for them: while the guard
 * checks a publication, the site and the API keep answering (issue #17; figures:
 * `npx tsx scripts/bench/check-blocking.ts`).
 *
 *   const checker = treeChecker(repoDir, mirrorDir);
 *   const { problems } = await checker.check(tree);   // one check at a time (the gate serialises calls)
 *
 * The worker starts on the first check and lives as long as the process (it does not keep it
 * alive when idle, nor while it runs a background check); if it fails or exits, the checks in progress are rejected with a French
 * message and the next check starts a new one.
 */
import { Worker } from 'node:worker_threads';
import type { Problem } from '../problems/problem.ts';
import type { CheckAnswer, CheckRequest, CheckWorkerData } from './check-worker.ts';

export interface TreeCheck { problems: Problem[]; ms: { sync: number; check: number } }

export interface TreeChecker {
  /**
   * `background`: a check nobody waits for (the server's warm-up, guard.ts): it does not keep
   * the process alive.
   */
  check(tree: string, options?: { background?: boolean }): Promise<TreeCheck>;
  /** Stops the worker (tests, benchmarks); a later check starts another. */
  close(): Promise<void>;
}

type Pending = Map<number, { resolve: (c: TreeCheck) => void; reject: (e: Error) => void; held: boolean }>;

export function treeChecker(repoDir: string, mirrorDir: string): TreeChecker {
  let current: { worker: Worker; pending: Pending; held: number } | undefined;
  let next = 0;

  const start = () => {
    const data: CheckWorkerData = { repoDir, mirrorDir };
    const worker = new Worker(new URL('./check-worker.mjs', import.meta.url), { workerData: data });
    const pending: Pending = new Map();
    const self = { worker, pending, held: 0 };
    const fail = (message: string) => {
      if (current === self) current = undefined;
      for (const p of pending.values()) p.reject(new Error(message));
      pending.clear();
    };
    worker.unref(); // idle, it never keeps the process alive (ref'd while a check runs)
    worker.on('message', (a: CheckAnswer) => {
      const p = pending.get(a.id);
      if (!p) return;
      pending.delete(a.id);
      if (p.held && --self.held === 0) worker.unref();
      if ('error' in a) p.reject(new Error(a.error));
      else p.resolve({ problems: a.problems, ms: a.ms });
    });
    worker.on('error', (e) => fail(`vérification du contenu interrompue : ${e.message}`));
    worker.on('exit', (code) => fail(`vérification du contenu interrompue (fil de vérification arrêté, code ${code})`));
    return self;
  };

  return {
    check(tree, options = {}) {
      const self = (current ??= start());
      const { worker, pending } = self;
      const id = ++next;
      const held = !options.background;
      if (held && self.held++ === 0) worker.ref();
      const answer = new Promise<TreeCheck>((resolve, reject) => pending.set(id, { resolve, reject, held }));
      const request: CheckRequest = { id, tree };
      worker.postMessage(request);
      return answer;
    },
    async close() {
      const c = current;
      current = undefined;
      if (c) await c.worker.terminate();
    },
  };
}
