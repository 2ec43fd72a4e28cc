/**
 * The publication guard's content check, in a worker thread of the back-office server
 * (tree-check.ts starts it): writes a git tree out (TreeMirror) and runs the content checks on
 * it, and gives the problems found as data (backoffice/problems/). Off the main thread because a check can take a second (the first one after a start on the
 * previous site's corpus, or a front matter near the limits of src/lib/content/limits.ts), and
 * the site and the API must keep answering meanwhile (issue #17). One worker for the server's
 * life: loadContent's per-file cache stays warm, so a check parses only the files that changed.
 *
 * Messages: in {@link CheckRequest} → out {@link CheckAnswer}, one at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadContent } from '../../src/lib/content/load.ts';
import { contentIndex, problemsOf } from '../problems/describe.ts';
import type { Problem } from '../problems/problem.ts';
import { TreeMirror } from '../git/tree.ts';

export interface CheckRequest { id: number; tree: string }
export type CheckAnswer =
  | { id: number; problems: Problem[]; ms: { sync: number; check: number } }
  | { id: number; error: string };
export interface CheckWorkerData { repoDir: string; mirrorDir: string }

const { repoDir, mirrorDir } = workerData as CheckWorkerData;
const port = parentPort;
if (!port) throw new Error('check-worker.ts est un fil d’exécution (worker_threads) du serveur du back-office');
const mirror = new TreeMirror(repoDir, mirrorDir);

port.on('message', ({ id, tree }: CheckRequest) => {
  let answer: CheckAnswer;
  try {
    const started = performance.now();
    mirror.sync(tree);
    const synced = performance.now();
    // Described here, where the front matter is parsed: the guard gets titles and labels as data.
    const set = loadContent(mirror.contentDir, mirror.mediaDir);
    answer = { id, problems: problemsOf(set.issues, contentIndex(set)), ms: { sync: synced - started, check: performance.now() - synced } };
  } catch (e) {
    answer = { id, error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(answer);
});
