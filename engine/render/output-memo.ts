/**
 * What the integrations wrote into one output folder, with the key of their inputs
 * (engine/render/integrations.ts): the next build of that folder links those files when the key
 * is the same. Kept beside the render state (state.ts), one file per code version and folder.
 */
import { readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface IntegrationMemo {
  key: string;
  /** Files written, relative to the output folder. */
  files: string[];
  /** The sitemap's decision per page file identity (src/lib/sitemap-xml.ts). */
  decisions?: [string, boolean][];
}
export type OutputMemos = Record<string, IntegrationMemo>;

/** Beside `state-<code>-<folder>.json`, `outputs-<code>-<folder>.json` (not counted among the states state.ts prunes). */
export const memoFile = (stateFile: string): string => join(dirname(stateFile), basename(stateFile).replace(/^state-/, 'outputs-'));

/** As many as the states kept (state.ts): a back-office server writes each publication into a new folder. */
const KEPT = 12;

export function loadMemos(file: string): OutputMemos | undefined {
  try { return JSON.parse(readFileSync(file, 'utf8')) as OutputMemos; } catch { return undefined; }
}

export function saveMemos(file: string, memos: OutputMemos | undefined): void {
  if (!memos) { rmSync(file, { force: true }); return; }
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(memos));
  renameSync(tmp, file);
  const prefix = /^(outputs-[0-9a-f]+-)/.exec(basename(file))?.[1];
  if (!prefix) return;
  try {
    const dir = dirname(file);
    const all = readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
      .map((f) => ({ f, at: (() => { try { return statSync(join(dir, f)).mtimeMs; } catch { return 0; } })() }))
      .sort((a, b) => b.at - a.at);
    for (const { f } of all.slice(KEPT)) rmSync(join(dir, f), { force: true });
  } catch { /* the cache folder went away: nothing to prune */ }
}
