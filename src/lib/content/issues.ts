import { posix } from 'node:path';

/** One finding about the content, printed as `path:line: field: message`. */
export interface ContentIssue {
  /** Path of the file, relative to the content root (or media root for media). */
  file: string;
  line?: number | undefined;
  /** Dotted path of the field (`numbers[0].num`), or undefined for the whole file. */
  field?: string | undefined;
  message: string;
  severity: 'error' | 'warning';
}

export function formatIssue(i: ContentIssue, root = ''): string {
  // A media file is named from the content root (`../media/x.png`): printed as `media/x.png`.
  const path = i.file.startsWith('../') ? posix.normalize(`${root.replace(/\\/g, '/')}${i.file}`) : `${root}${i.file}`;
  const where = `${path}${i.line ? `:${i.line}` : ''}`;
  const tag = i.severity === 'error' ? 'erreur' : 'avertissement';
  return `${where}: ${i.field ?? '-'}: ${tag} : ${i.message}`;
}

export function summarize(issues: readonly ContentIssue[]): string {
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  return `${errors} erreur(s), ${warnings} avertissement(s)`;
}

/** Thrown when content has errors; carries every issue, not only the first. */
export class ContentError extends Error {
  constructor(readonly issues: readonly ContentIssue[], root = '') {
    super(`Contenu invalide, ${summarize(issues)} :\n${issues.filter((i) => i.severity === 'error').map((i) => formatIssue(i, root)).join('\n')}`);
    this.name = 'ContentError';
  }
}
