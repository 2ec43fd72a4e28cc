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

