/**
 * Findings of an import. Every decision the importer takes on its own (a normalised match,
 * a created term, a fallback value, a file left out) is one finding: nothing is dropped silently.
 */
export type FindingKind =
  | 'normalised-match' // a relation value matched a title or slug only after normalisation
  | 'split-match' // one value naming several entries ("A et B") was split
  | 'unmatched-relation' // a relation value matching nothing: left out of the entry
  | 'created-term' // a term used by entries had no file: created
  | 'duplicate-key' // a YAML key given twice: the last value is kept
  | 'unknown-key' // a front-matter key the content model does not know: left out
  | 'missing-required' // a required value is empty: a documented fallback is written
  | 'default-value' // an optional block absent from the legacy file: written with its declared default (a défi's outcome « non renseigné »)
  | 'invalid-value' // a value of the wrong type: replaced by the fallback (required) or left out
  | 'bare-year-date' // `date: 2022`: written as 2022-01-01
  | 'date-out-of-range' // a date outside the model's period (2016 – two years ahead): kept, an error for `npm run check`
  | 'trimmed' // leading/trailing spaces removed from a value
  | 'renamed-file' // the output file name (the slug) differs from the legacy file name
  | 'kept-legacy-url' // the old address differs from the slug's: kept in `url:`
  | 'duplicate-slug' // two legacy files give the same slug: the later one gets a suffix
  | 'not-markdown' // a file that is not Markdown in a collection folder: not copied
  | 'unknown-file' // a file the content model does not know: not copied
  | 'invalid-yaml' // the front matter cannot be read: file not imported
  | 'invalid-encoding' // not UTF-8: read as Windows-1252
  | 'remote-image' // an https:// URL given as an image: kept as is, not downloaded
  | 'missing-image' // a referenced file (image, PDF…) is not in static/img: listed, reference kept
  | 'image-found-elsewhere' // a referenced file absent from its folder, found under the same name in another one
  | 'media-copy-failed' // a referenced file exists but could not be read: listed, not copied
  | 'image-found-by-normalised-name' // the image exists under another case/accent form
  | 'renamed-image' // the copied image's name was normalised
  | 'detected-language' // a text clearly in English (function words): `lang: en` written, to check
  | 'unsafe-html'; // <script>, on…= or javascript: found: kept, sanitised on the page

export interface Finding {
  kind: FindingKind;
  /** Legacy file, relative to `<legacy-dir>/content` (or `static/` for images). */
  file: string;
  line?: number | undefined;
  field?: string | undefined;
  /** The legacy value concerned. */
  value?: string | undefined;
  /** What the importer wrote instead (slug, fallback, new name…). */
  result?: string | undefined;
  /** Closest candidates for an unmatched value, best first. */
  candidates?: string[] | undefined;
  message: string;
}

export class ImportReport {
  readonly findings: Finding[] = [];
  add(f: Finding): void {
    this.findings.push(f);
  }
  count(kind: FindingKind): number {
    return this.findings.filter((f) => f.kind === kind).length;
  }
  /** Findings in a stable order, so the JSON file is the same byte for byte on every run. */
  sorted(): Finding[] {
    const key = (f: Finding) => [f.file, String(f.line ?? 0).padStart(6, '0'), f.field ?? '', f.kind, f.value ?? ''];
    return [...this.findings].sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
      return 0;
    });
  }
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const f of this.findings) out[f.kind] = (out[f.kind] ?? 0) + 1;
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}
