import slugifyLib from '@sindresorhus/slugify';

/**
 * The previous site's URL rule: lowercase, accents removed, apostrophes dropped, spaces to
 * hyphens. Works on composed and decomposed (NFD) accents alike.
 */
export function slugify(name: string): string {
  // Accents are stripped before slugify, which would otherwise transliterate some (ä → ae).
  const clean = name.normalize('NFD').replace(/\p{Mn}/gu, '').normalize('NFC').replace(/['’‘`´]/g, '');
  return slugifyLib(clean, { decamelize: false, customReplacements: [['&', ' et ']] });
}

/** Slug of a content file: its file name without extension, through {@link slugify}. */
export function slugFromFile(path: string): string {
  const base = path.split('/').pop() ?? path;
  return slugify(base.replace(/\.[^.]+$/, ''));
}
