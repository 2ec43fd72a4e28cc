import { distance } from 'fastest-levenshtein';
import { slugify } from '../content/slug.ts';

/**
 * Normalised form of a title for matching: case, accents, punctuation and spaces ignored
 * (the slug rule, so "SiRANo ", "sirano" and "SIRANO" all give `sirano`).
 */
export const matchKey = (s: string): string => slugify(s);

export type Resolution =
  | { kind: 'exact'; slugs: string[] }
  | { kind: 'normalised'; slugs: string[]; matched: string[] }
  | { kind: 'split'; slugs: string[]; parts: string[]; unmatched: { value: string; candidates: string[] }[] }
  | { kind: 'unmatched'; candidates: string[] };

interface Target { slug: string; title: string; key: string }

/** The entries of one collection, found by title (as the previous site stored relations) or slug. */
export class TitleIndex {
  private readonly exact = new Map<string, string>();
  private readonly normalised = new Map<string, Set<string>>();
  private readonly targets: Target[] = [];

  add(slug: string, title: string): void {
    const t = title.trim();
    const titleKey = matchKey(t);
    this.targets.push({ slug, title: t, key: titleKey });
    if (t && !this.exact.has(t)) this.exact.set(t, slug);
    for (const key of [titleKey, slug]) {
      if (!key) continue;
      let set = this.normalised.get(key);
      if (!set) this.normalised.set(key, (set = new Set()));
      set.add(slug);
    }
  }

  private one(value: string): { slug: string; how: 'exact' | 'normalised' } | undefined {
    const v = value.trim();
    const exact = this.exact.get(v);
    if (exact) return { slug: exact, how: 'exact' };
    const set = this.normalised.get(matchKey(v));
    // An ambiguous normalised key (two entries) is not guessed.
    if (set && set.size === 1) return { slug: [...set][0]!, how: 'normalised' };
    return undefined;
  }

  /**
   * Exact match after trimming, then normalised match, then the value split on commas,
   * semicolons and " et " (two défis in one string) when every part matches.
   */
  resolve(value: string): Resolution {
    const found = this.one(value);
    if (found?.how === 'exact') return { kind: 'exact', slugs: [found.slug] };
    if (found) return { kind: 'normalised', slugs: [found.slug], matched: [this.titleOf(found.slug)] };
    const parts = value.split(/\s*[,;/]\s*|\s+(?:et|&)\s+/i).map((p) => p.trim()).filter(Boolean);
    if (parts.length > 1) {
      const slugs = parts.map((p) => this.one(p)?.slug);
      // Parts that match are kept; the others are reported one by one by the caller.
      if (slugs.some((s) => s !== undefined)) {
        return { kind: 'split', slugs: slugs.filter((s): s is string => s !== undefined), parts, unmatched: parts.filter((_, i) => slugs[i] === undefined).map((p) => ({ value: p, candidates: this.closest(p) })) };
      }
    }
    return { kind: 'unmatched', candidates: this.closest(value) };
  }

  titleOf(slug: string): string {
    return this.targets.find((t) => t.slug === slug)?.title ?? slug;
  }

  /** Up to three closest titles by edit distance on the normalised form, shown as `Title (slug)`. */
  closest(value: string, n = 3): string[] {
    const key = matchKey(value);
    return this.targets
      .map((t) => ({ t, d: Math.min(distance(key, t.key), distance(key, t.slug)) }))
      .sort((a, b) => a.d - b.d || (a.t.slug < b.t.slug ? -1 : 1))
      .slice(0, n)
      .map(({ t }) => `${t.title} (${t.slug})`);
  }
}
