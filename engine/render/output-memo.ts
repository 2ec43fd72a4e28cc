/**
 * What the integrations wrote into one output folder, with the key of their inputs
 * (engine/render/integrations.ts): the next build of that folder links those files when the key
 * is the same. Kept beside the render state (state.ts), one file per code version and folder.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

export interface IntegrationMemo {
  key: string;
  /** Files written, relative to the output folder. */
  files: string[];
  /** The sitemap's decision per page file identity (src/lib/sitemap-xml.ts). */
  decisions?: [string, boolean][];
}
export type OutputMemos = Record<string, IntegrationMemo>;

export const memoFile = (stateFile: string): string => stateFile.replace(/\.json$/, '.outputs.json');

export function loadMemos(file: string): OutputMemos | undefined {
  try { return JSON.parse(readFileSync(file, 'utf8')) as OutputMemos; } catch { return undefined; }
}

export function saveMemos(file: string, memos: OutputMemos | undefined): void {
  if (!memos) { rmSync(file, { force: true }); return; }
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(memos));
  renameSync(tmp, file);
}
