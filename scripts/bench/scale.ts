/**
 * A content set N times the imported corpus (default 10: ≈6,000 pages), for the scale figures of
 * `npm run bench:render` (#23). Benchmark input only, written to a temporary folder, never
 * tracked:
 *
 *   npx tsx scripts/bench/scale.ts <imported content dir> <media dir> <out dir> [copies=10]
 *
 * The entries that grow with the programme (défis, personnes, articles) are copied N-1 times:
 * copy k gets file names `<name>-copie-<k>.md` and titles `… (copie k)` (unique names and
 * addresses), and its relations (a person's défis, an article's related articles) point to the
 * same copy's entries, so each copy is a promotion of its own with the corpus's shape. The terms
 * (thèmes, promotions, expertises, catégories) and the pages are shared: their lists grow N-fold.
 * Copies keep their images (same media files): the image variants are those of the corpus.
 * `by: 'title'` scales the previous site's own tree (relations by title, for Hugo): a front
 * matter YAML cannot parse (the corpus has one duplicated key) is copied with its name changed only.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSeq, parseDocument } from 'yaml';

/** Collections copied, and which of their fields point to which copied collection. */
const COPIED: Record<string, Record<string, string>> = {
  defis: {},
  personnes: { defis: 'defis' },
  blog: { related: 'blog' },
};

/** `mediaDir` empty: content only. */
export function scaleContent(contentDir: string, mediaDir: string, outDir: string, copies = 10, by: 'id' | 'title' = 'id'): { entries: number } {
  const content = join(outDir, 'content');
  cpSync(contentDir, content, { recursive: true });
  if (mediaDir) cpSync(mediaDir, join(outDir, 'media'), { recursive: true });
  const ids = new Map<string, Set<string>>();
  const files = new Map<string, string[]>();
  for (const c of Object.keys(COPIED)) {
    const list = readdirSync(join(contentDir, c)).filter((f) => f.endsWith('.md') && !f.startsWith('_'));
    files.set(c, list);
    ids.set(c, new Set(by === 'id' ? list.map((f) => f.slice(0, -3)) : list.map((f) => String(parseDocument(/^---\n([\s\S]*?)\n---/.exec(readFileSync(join(contentDir, c, f), 'utf8'))?.[1] ?? '').get('title') ?? ''))));
  }
  let entries = 0;
  for (let k = 1; k < copies; k++) {
    const suffix = `-copie-${k}`;
    for (const [c, relations] of Object.entries(COPIED)) {
      for (const f of files.get(c)!) {
        const raw = readFileSync(join(contentDir, c, f), 'utf8');
        const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(raw);
        if (!m) continue;
        const doc = parseDocument(m[1]!);
        const name = `${f.slice(0, -3)}${suffix}.md`;
        mkdirSync(join(content, c), { recursive: true });
        if (doc.errors.length) { writeFileSync(join(content, c, name), raw); entries++; continue; }
        const title = doc.get('title');
        if (typeof title === 'string') doc.set('title', `${title} (copie ${k})`);
        for (const [field, target] of Object.entries(relations)) {
          const seq = doc.get(field);
          if (!isSeq(seq)) continue;
          seq.items = seq.items.map((item) => {
            const v = doc.createNode(item).toJSON() as unknown;
            const mapped = by === 'id' ? `${String(v)}${suffix}` : `${String(v)} (copie ${k})`;
            return doc.createNode(typeof v === 'string' && ids.get(target)!.has(v) ? mapped : v);
          });
        }
        writeFileSync(join(content, c, name), `---\n${doc.toString()}---\n${m[2]}`);
        entries++;
      }
    }
  }
  return { entries };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [contentDir, mediaDir, outDir, n] = process.argv.slice(2);
  if (!contentDir || !mediaDir || !outDir) {
    console.error('usage : npx tsx scripts/bench/scale.ts <dossier content importé> <dossier media> <dossier de sortie> [copies=10]');
    process.exit(2);
  }
  const r = scaleContent(contentDir, mediaDir, outDir, Number(n || 10));
  console.log(`${r.entries} entrée(s) copiée(s) dans ${outDir}`);
}
