/**
 * The kinds of media the site uses, declared once: raster images, SVG and PDF. The back-office
 * gate accepts uploads of these only (extension AND content), the servers map them to their
 * types explicitly, and the build copies nothing else into /img/. SVG uploads are sanitised by
 * svg-sanitize.ts.
 */

/** Extension (lowercase, with the dot) → Content-Type. */
export const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.jfif': 'image/jpeg', // a JPEG under another name (a few photos of the previous site)
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
};

/** Headers of every file served under /img/: declared type, no sniffing, SVG scripts never run. */
export const MEDIA_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox",
};

export const extensionOf = (path: string): string => {
  const m = /\.[^./\\]+$/.exec(path);
  return m ? m[0].toLowerCase() : '';
};

export const isMediaFile = (path: string): boolean => extensionOf(path) in MEDIA_TYPES;

/** Headers for a file under /img/: its type if it is one of ours, else a download. */
export function mediaHeaders(path: string): Record<string, string> {
  const type = MEDIA_TYPES[extensionOf(path)];
  return type
    ? { 'Content-Type': type, ...MEDIA_HEADERS }
    : { 'Content-Type': 'application/octet-stream', 'Content-Disposition': 'attachment', ...MEDIA_HEADERS };
}

const startsWith = (b: Buffer, bytes: number[], at = 0) => bytes.every((x, i) => b[at + i] === x);
const ascii = (b: Buffer, from: number, to: number) => b.subarray(from, to).toString('latin1');

/** What the bytes are, from their signature (not from the name). */
export function sniff(b: Buffer): 'png' | 'jpeg' | 'gif' | 'webp' | 'avif' | 'pdf' | 'svg' | undefined {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (/^GIF8[79]a$/.test(ascii(b, 0, 6))) return 'gif';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'webp';
  if (ascii(b, 4, 8) === 'ftyp' && /^avi[fs]$/.test(ascii(b, 8, 12))) return 'avif';
  if (ascii(b, 0, 5) === '%PDF-') return 'pdf';
  // SVG is text: an optional BOM, XML declaration, comments or doctype, then the <svg> root.
  const head = b.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>\s*)*<svg[\s>]/i.test(head)) return 'svg';
  return undefined;
}

const EXPECTED: Record<string, ReturnType<typeof sniff>> = {
  '.png': 'png', '.jpg': 'jpeg', '.jpeg': 'jpeg', '.jfif': 'jpeg', '.gif': 'gif', '.webp': 'webp', '.avif': 'avif', '.svg': 'svg', '.pdf': 'pdf',
};

/** Why an upload is not a medium of the site (French), or undefined when it is. */
export function mediaProblem(path: string, content: Buffer): string | undefined {
  const ext = extensionOf(path);
  const expected = EXPECTED[ext];
  if (!expected) return `type de fichier refusé (${ext || 'sans extension'}) : seules les images (PNG, JPEG, GIF, WebP, AVIF, SVG) et les PDF sont acceptés`;
  const actual = sniff(content);
  if (actual !== expected) return `le contenu du fichier ne correspond pas à son extension ${ext} (${actual ? `c’est un fichier ${actual.toUpperCase()}` : 'format non reconnu'})`;
  return undefined;
}
