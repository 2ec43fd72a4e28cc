/**
 * The access journal: sign-ins, refusals (unknown address, failed sign-in, forbidden action),
 * publications and sign-outs, one JSON line each in CMS_DATA_DIR/journal.jsonl — outside the
 * content repository (nothing an editor can rewrite through git), appended synchronously so a
 * crash loses no line. Readable at /admin/journal/ by the administration role only.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type JournalKind = 'connexion' | 'refus' | 'publication' | 'action' | 'deconnexion';
export interface JournalEntry { at: string; kind: JournalKind; email?: string | undefined; name?: string | undefined; detail: string }

export interface Journal {
  add(entry: Omit<JournalEntry, 'at'>): void;
  /** The last entries, newest first. */
  last(n: number): JournalEntry[];
  readonly file: string;
}

export function journal(file: string, now: () => Date = () => new Date()): Journal {
  mkdirSync(dirname(file), { recursive: true });
  return {
    file,
    add(entry) { appendFileSync(file, `${JSON.stringify({ at: now().toISOString(), ...entry })}\n`, { mode: 0o600 }); },
    last(n) {
      if (!existsSync(file)) return [];
      const out: JournalEntry[] = [];
      for (const line of readFileSync(file, 'utf8').split('\n').reverse()) {
        if (out.length >= n) break;
        if (!line) continue;
        try { out.push(JSON.parse(line) as JournalEntry); } catch { /* a torn last line: skipped */ }
      }
      return out;
    },
  };
}
