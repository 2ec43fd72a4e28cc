import { posix } from 'node:path';

/**
 * File names and slugs the back-office accepts (the gate, cms-gate.ts): no invisible character,
 * a bounded length. Pure functions; problems are French fragments the gate puts in its refusals.
 */

/**
 * Longest file or folder name, and slug, the gate accepts, in characters. The filesystem allows
 * 255 bytes per name (an accented letter is 2 of them, most other scripts 3); a slug is also a
 * branch name `cms/<collection>/<slug>` (git adds `.lock` to it while it writes the ref) and the
 * last segment of the page's address, which editors and visitors read. 120 leaves room for all
 * of that; a Decap title longer than that makes a slug to shorten. Bytes are checked too.
 */
export const MAX_NAME_CHARS = 120;
const MAX_NAME_BYTES = 255;
/** A whole path (Linux allows 4096 bytes; the site's paths are a few segments). */
export const MAX_PATH_CHARS = 1000;
/**
 * Characters that do not show, or show something else, in a file name: controls (C0, C1, DEL),
 * format characters (bidi overrides and isolates U+202A–U+202E and U+2066–U+2069, marks
 * U+200E/U+200F/U+061C, zero-width ones, BOM), lone surrogates, private use, line separators.
 * `fichier\u202Egnp.exe` reads « fichierexe.png ».
 */
const HIDDEN_CHAR = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}]/u;
const HIDDEN_CHARS = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}]/gu;
const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** A name or path as shown in a message: invisible characters spelt out, 120 characters at most. */
export function shown(value: unknown): string {
  const text = [...String(value).replace(HIDDEN_CHARS, (c) => `<${codePoint(c)}>`)];
  return text.length > MAX_NAME_CHARS ? `${text.slice(0, MAX_NAME_CHARS).join('')}…` : text.join('');
}

/** Why one name (a path segment, or a slug) is refused, or undefined: invisible characters, length. */
export function nameProblem(name: string, kind: 'fichier' | 'dossier' = 'fichier'): string | undefined {
  const hidden = HIDDEN_CHAR.exec(name);
  if (hidden) return `caractère invisible ou de contrôle interdit dans le nom (${codePoint(hidden[0])})`;
  const chars = [...name].length;
  if (chars > MAX_NAME_CHARS) return `nom de ${kind} trop long (${chars} caractères, ${MAX_NAME_CHARS} au plus)`;
  const bytes = Buffer.byteLength(name);
  if (bytes > MAX_NAME_BYTES) return `nom de ${kind} trop long (${bytes} octets, ${MAX_NAME_BYTES} au plus)`;
  return undefined;
}

/**
 * A collection name or slug: becomes a branch name `cms/<collection>/<slug>` and a file name.
 * Letters may be accented: an existing file keeps its name as its slug (`brigade-numérique.md`).
 */
const KEY = /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u;
/** Why a collection name or slug is refused, or undefined. */
export function keyProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'identifiant invalide';
  return nameProblem(value) ?? (KEY.test(value) ? undefined : 'identifiant invalide (lettres, chiffres, « - » et « _ »)');
}

/**
 * Why a repository path is refused, or undefined. `roots`: its first segment must be one of
 * them; `folder`: the path may be the root itself (a folder to list).
 */
export function pathProblem(value: unknown, roots: readonly string[], folder = false): string | undefined {
  if (typeof value !== 'string' || value === '') return 'chemin manquant';
  if (/[\0-\x1f\x7f\\%]/.test(value)) return 'caractère interdit dans le chemin (contrôle, barre oblique inverse ou %)';
  if ([...value].length > MAX_PATH_CHARS) return `chemin trop long (${[...value].length} caractères, ${MAX_PATH_CHARS} au plus)`;
  if (value.startsWith('/') || /^[a-z]:/i.test(value)) return 'chemin absolu interdit';
  const segments = value.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return 'chemin non normalisé (segment vide, « . » ou « .. »)';
  if (segments.some((s) => s.startsWith('.'))) return 'fichier ou dossier caché interdit';
  for (const [i, s] of segments.entries()) {
    const p = nameProblem(s, i === segments.length - 1 && !folder ? 'fichier' : 'dossier');
    if (p) return p;
  }
  if (posix.normalize(value.replace(/\/$/, '')) !== value.replace(/\/$/, '')) return 'chemin non normalisé';
  if (!roots.includes(segments[0]!)) return `seuls les dossiers ${roots.map((r) => `${r}/`).join(' et ')} sont accessibles`;
  if (segments.length === 1 && !folder) return 'un fichier est attendu, pas un dossier';
  return undefined;
}
