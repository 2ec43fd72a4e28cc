/** Runs an integration's `astro:build:done` hook on a folder, as a build does, with typed options. */
import { pathToFileURL } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';

type BuildDone = NonNullable<AstroIntegration['hooks']['astro:build:done']>;

/** A logger that keeps its lines (Astro's class has only public members: this object is one). */
export const quietLogger = (label = 'test', lines: string[] = []): AstroIntegrationLogger => ({
  label, options: { dest: { write: () => true }, level: 'info' },
  fork: (name) => quietLogger(name, lines),
  info: (m) => { lines.push(m); },
  warn: (m) => { lines.push(m); },
  error: (m) => { lines.push(m); },
  debug: () => {},
});

/** Calls `integration`'s build:done hook on `outDir` (no pages, routes or assets). */
export async function buildDone(integration: AstroIntegration, outDir: string): Promise<void> {
  const hook: BuildDone | undefined = integration.hooks['astro:build:done'];
  if (!hook) throw new Error(`${integration.name} n’a pas de crochet astro:build:done`);
  await hook({ dir: pathToFileURL(`${outDir.replace(/\/$/, '')}/`), pages: [], routes: [], assets: new Map(), logger: quietLogger(integration.name) });
}
