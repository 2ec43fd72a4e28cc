/**
 * The W3C Nu HTML checker (vnu-jar, Java 11+), shared by the demo gate (tests/quality/w3c.test.ts)
 * and the imported-corpus sample (tests/e2e/corpus.test.ts):
 * - `vnu`: one Java process on files or folders (one per page would be minutes), its messages;
 * - `KEPT_WARNINGS`: the warning kinds the site keeps on purpose, each with its reason;
 * - `vnuReport`: errors as `path:line message` lines, warnings counted by kind, and the
 *   warnings of no kept kind (which fail the gates).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const vnuJar = join(createRequire(import.meta.url).resolve('vnu-jar'), '..', 'build', 'dist', 'vnu.jar');

export interface VnuMessage { type: string; subType?: string; url?: string; lastLine?: number; message: string; extract?: string }

/** A warning kind kept, by the start of the checker's message; `only`: on that file only (path from the build's root). */
export interface KeptWarning { starts: string; why: string; only?: string }

/** Warning kinds every build keeps (DSFR reference markup), and why. */
export const KEPT_WARNINGS: readonly KeptWarning[] = [
  { starts: 'The “navigation” role is unnecessary for element “nav”', why: 'balisage de référence du DSFR (en-tête, pied de page, fil d’Ariane, menus) : sans effet pour les technologies d’assistance, gardé pour rester identique aux gabarits du DSFR' },
  { starts: 'The “banner” role is unnecessary for element “header”', why: 'balisage de référence du DSFR (en-tête) : redondant mais sans effet' },
  { starts: 'The “main” role is unnecessary for element “main”', why: 'balisage de référence du DSFR (gabarit de page) : redondant mais sans effet' },
  { starts: 'The “contentinfo” role is unnecessary for element “footer”', why: 'balisage de référence du DSFR (pied de page) : redondant mais sans effet' },
  { starts: 'The “dialog” role is unnecessary for element “dialog”', why: 'balisage de référence du DSFR (modales) : redondant mais sans effet' },
];

/** Runs the checker on files or folders; returns its messages (JSON on stderr). */
export function vnu(paths: string[], errorsOnly = false): VnuMessage[] {
  const args = ['-jar', vnuJar, '--format', 'json', '--skip-non-html', ...(errorsOnly ? ['--errors-only'] : []), ...paths];
  const r = spawnSync('java', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`Le vérificateur W3C n’a pas pu être lancé (java -jar vnu.jar) : ${r.error.message}. Installez Java 11 ou plus (apt-get install -y openjdk-17-jre-headless).`);
  return (JSON.parse(r.stderr) as { messages: VnuMessage[] }).messages;
}

export interface VnuReport {
  /** Errors (and files the checker could not read), one `path:line message` line each. */
  errors: string[];
  /** Warning count by kept kind, and the unkept ones as `non justifié : path:line message`. */
  byKind: Map<string, number>;
  /** Warnings of no kept kind. */
  unkept: string[];
  warnings: number;
}

/** Sorts the checker's messages on the files under `root`; `kept`: the warning kinds accepted. */
export function vnuReport(messages: VnuMessage[], root: string, kept: readonly KeptWarning[]): VnuReport {
  const where = (m: VnuMessage) => `${m.url ? `/${relative(root, fileURLToPath(m.url))}` : '?'}:${m.lastLine ?? '?'} ${m.message}`;
  const errors = messages.filter((m) => m.type === 'error' || m.type === 'non-document-error').map(where);
  const warnings = messages.filter((m) => m.type === 'info' && m.subType === 'warning');
  const byKind = new Map<string, number>();
  const unkept: string[] = [];
  for (const w of warnings) {
    const k = kept.find((k) => w.message.startsWith(k.starts) && (!k.only || where(w).startsWith(`${k.only}:`)));
    const kind = k ? k.starts : `non justifié : ${where(w)}`;
    if (!k) unkept.push(where(w));
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  }
  return { errors, byKind, unkept, warnings: warnings.length };
}

/** The report in a few lines, for the test's output. */
export function vnuSummary(what: string, r: VnuReport): string {
  return `Vérificateur W3C (${what}) : ${r.errors.length} erreur(s), ${r.warnings} avertissement(s) :\n${[...r.byKind].map(([k, n]) => `  ${n} × ${k}`).join('\n')}`;
}
