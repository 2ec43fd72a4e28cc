import { copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import slugifyLib from '@sindresorhus/slugify';

/**
 * Image (and document) references of the legacy tree: `img/x.png`, `/img/x.png` or `x.png`
 * point into `<legacy>/static/img/`; copied files get normalised names (lowercase, no accents,
 * no spaces or typographic apostrophes) and are flattened into the top of the media folder
 * (`promotion-6/defis/x.png` → `promotion-6-defis-x.png`): Decap 3.16's media library lists,
 * searches and inserts only that level (it keeps a value's base name only), so an image in a
 * sub-folder could be neither found nor shown in the back-office.
 */

/** Normalised name of one path segment: `Capture d’écran à 11.30.jpg` → `capture-decran-a-11.30.jpg`. */
export function mediaSegment(name: string): string {
  const nfc = name.normalize('NFC');
  const dot = nfc.lastIndexOf('.');
  const [base, ext] = dot > 0 ? [nfc.slice(0, dot), nfc.slice(dot + 1)] : [nfc, ''];
  const clean = slugifyLib(base.replace(/['’‘`´]/g, ''), { decamelize: false, preserveCharacters: ['_', '.'] }) || 'fichier';
  return ext ? `${clean}.${ext.toLowerCase()}` : clean;
}

export const mediaPath = (path: string): string => path.split('/').filter(Boolean).map(mediaSegment).join('-');

/** Path under the media root of a local reference, or undefined for remote/empty ones. */
export function localRef(value: string): string | undefined {
  const v = value.trim();
  if (!v || /^[a-z][a-z0-9+.-]*:/i.test(v) || v.startsWith('#')) return undefined;
  let p = v.split(/[?#]/)[0]!.replace(/^\.?\//, '').replace(/^img\//, '');
  try { p = decodeURIComponent(p); } catch { /* keep as written */ }
  return p.normalize('NFC');
}

const looseKey = (p: string) => p.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC').toLowerCase();

/** Every file under the legacy image folder, found by exact path or by a case/accent-insensitive key. */
export class LegacyMedia {
  private readonly exact = new Map<string, string>();
  private readonly loose = new Map<string, string[]>();
  /** File name alone (loose key) → legacy paths, for references written with a wrong folder. */
  private readonly byName = new Map<string, string[]>();
  /** Output path (normalised) → legacy path, for the files to copy. */
  readonly toCopy = new Map<string, string>();

  constructor(readonly root: string) {
    const walk = (dir: string, rel: string) => {
      let names: string[];
      try { names = readdirSync(dir).sort(); } catch { return; }
      for (const name of names) {
        const full = join(dir, name);
        const r = rel ? `${rel}/${name}` : name;
        if (statSync(full).isDirectory()) walk(full, r);
        else {
          const nfc = r.normalize('NFC');
          this.exact.set(nfc, r);
          const k = looseKey(nfc);
          this.loose.set(k, [...(this.loose.get(k) ?? []), r]);
          const n = looseKey(name.normalize('NFC'));
          this.byName.set(n, [...(this.byName.get(n) ?? []), r]);
        }
      }
    };
    walk(root, '');
  }

  get size(): number { return this.exact.size; }

  /**
   * Finds a referenced file: exact (NFC) path first, then ignoring case and accents, then the
   * only file of that name in another folder (`img/blog/x.png` written for `img/x.png`).
   */
  find(path: string): { legacy: string; how: 'exact' | 'loose' | 'elsewhere' } | undefined {
    const exact = this.exact.get(path);
    if (exact) return { legacy: exact, how: 'exact' };
    const loose = this.loose.get(looseKey(path));
    if (loose && loose.length === 1) return { legacy: loose[0]!, how: 'loose' };
    const named = this.byName.get(looseKey(path.split('/').pop() ?? ''));
    if (named && named.length === 1) return { legacy: named[0]!, how: 'elsewhere' };
    return undefined;
  }

  private readonly outOf = new Map<string, string>();

  /** Records a file to copy; returns its output path (a numbered name if flattening collides). */
  use(legacy: string): string {
    const known = this.outOf.get(legacy);
    if (known) return known;
    const base = mediaPath(legacy.normalize('NFC'));
    const dot = base.lastIndexOf('.');
    let out = base;
    for (let n = 2; this.toCopy.has(out); n++) out = dot > 0 ? `${base.slice(0, dot)}-${n}${base.slice(dot)}` : `${base}-${n}`;
    this.toCopy.set(out, legacy);
    this.outOf.set(legacy, out);
    return out;
  }

  /** Copies every recorded file; returns the ones that could not be copied (with the reason) instead of throwing. */
  copyAll(mediaDir: string): { legacy: string; error: string }[] {
    const failed: { legacy: string; error: string }[] = [];
    for (const out of [...this.toCopy.keys()].sort()) {
      const target = join(mediaDir, out);
      const legacy = this.toCopy.get(out)!;
      try {
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(join(this.root, legacy), target);
      } catch (e) {
        failed.push({ legacy, error: e instanceof Error ? e.message : String(e) });
      }
    }
    return failed;
  }
}

/**
 * Media references inside Markdown (bodies and Markdown fields of the front matter):
 * `![alt](img/x.png)`, `[doc](/img/x.pdf)`, `<img src="img/x.png">`, `<a href="img/x.pdf">` and
 * the `url="img/x.pdf"` of an `arrow-link` shortcode. Only `img/…` and `/img/…` paths;
 * absolute URLs are left alone.
 */
export const BODY_MEDIA = /(\]\(\s*<?|\bsrc\s*=\s*["']?|\bhref\s*=\s*["']?|\burl\s*=\s*["']?)(\.?\/?img\/[^)\s"'>]+)/g;

/**
 * Rewrites every media reference of a Markdown text to its path in the new tree (always
 * `/img/…`, absolute, so it resolves whatever the page's address). `ref` gets the value and
 * its 0-based line within `text`.
 */
export function rewriteMarkdownMedia(text: string, ref: (value: string, line: number) => string): string {
  return text.replace(BODY_MEDIA, (_all, lead: string, path: string, offset: number) => {
    const line = text.slice(0, offset).match(/\n/g)?.length ?? 0;
    return `${lead}${ref(path, line)}`;
  });
}
