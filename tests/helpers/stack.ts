import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startStack } from '../../backoffice/server/stack.ts';
import type { Stack, StackOptions } from '../../backoffice/types.ts';

export interface TestStack {
  stack: Stack;
  /** A temporary copy of the project's content/ and media/ (never the project's own tree). */
  project: { root: string; contentDir: string; mediaDir: string };
  logs: string[];
  close(): Promise<void>;
}

/**
 * The embedded back-office (`npm start`'s core) on free ports, on a temporary copy of the demo
 * content. `initialDist` (the global setup's build of the same content) is served at once, so
 * the site is built once per run; each publish then rebuilds for real. Several stacks may run in
 * one process: decap-server runs in-process, each on its own repository (backoffice/api/decap.ts).
 */
export async function startTestStack(initialDist?: string, options: Pick<StackOptions, 'hooks' | 'maxBodyBytes' | 'callTimeouts' | 'now' | 'scheduleMs'> = {}): Promise<TestStack> {
  const root = mkdtempSync(join(tmpdir(), 'eig-cms-'));
  const project = { root: join(root, 'project'), contentDir: join(root, 'project', 'content'), mediaDir: join(root, 'project', 'media') };
  cpSync(resolve('content'), project.contentDir, { recursive: true });
  cpSync(resolve('media'), project.mediaDir, { recursive: true });
  const logs: string[] = [];
  const stack = await startStack({
    dataDir: join(root, 'data'), source: project, port: 0, initialDist, log: (l) => logs.push(l), ...options,
  });
  // The publisher loads in this process (the pages' bundle): tests start once it is done, not
  // while it competes with their requests.
  await stack.ready();
  return {
    stack, project, logs,
    async close() {
      await stack.stop();
      rmSync(root, { recursive: true, force: true });
      rmSync(stack.buildsDir, { recursive: true, force: true });
    },
  };
}
