/**
 * Hugo's path rule for the previous site (`removePathAccents = true`, paths lowercased):
 * accents removed, letters, digits and `. / \ _ # + ~ - @` kept, runs of spaces turned into
 * one hyphen, everything else (apostrophes, punctuation) dropped. Used by the importer to
 * keep an entry's old address in `url:` when it differs from the slug (e.g. underscores).
 */
export function hugoPath(s: string): string {
  const plain = s.normalize('NFD').replace(/\p{Mn}/gu, '').normalize('NFC');
  let out = '';
  let pendingHyphen = false;
  let wasHyphen = false;
  for (const ch of plain) {
    if (/[./\\_#+~\-@]/.test(ch) || /[\p{L}\p{N}\p{M}]/u.test(ch)) {
      wasHyphen = ch === '-';
      if (pendingHyphen && !wasHyphen) out += '-';
      pendingHyphen = false;
      out += ch;
    } else if (out.length > 0 && !wasHyphen && /\s/.test(ch)) {
      pendingHyphen = true;
    }
  }
  return out.toLowerCase();
}
