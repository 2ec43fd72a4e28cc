/**
 * The search phase of a publication (`ms.search` of backoffice/publish/publisher.ts, what the
 * publication waits for the Pagefind index after the integrations), for text edits, in the
 * back-office server's publisher: figures, not a test.
 *
 *   node --import tsx scripts/bench/search-publish.ts <content dir> <media dir> [edits=5]
 *
 * On a copy of the tree: a first (full) publication, then `edits` publications of a défi whose
 * body changed (an indexed page), each from the previous output, as the publication loop does.
 * Prints each publication's phases and, last, `SEARCH_JSON {…}`: ms.search of each edit, their
 * median, the load average (1 min) before and after. Run against another checkout's copy of this
 * script, in turns, for a comparison under the same load.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createPublisher } from '../../backoffice/publish/publisher.ts';

const [contentArg, mediaArg, editsArg] = process.argv.slice(2);
if (!contentArg || !mediaArg) { console.error('usage : node --import tsx scripts/bench/search-publish.ts <dossier content> <dossier media> [modifications=5]'); process.exit(2); }
const edits = Number(editsArg || 5);
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
const load1 = () => +loadavg()[0]!.toFixed(2);

const tmp = mkdtempSync(join(tmpdir(), 'eig-bench-search-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const content = join(tmp, 'content');
cpSync(resolve(contentArg), content, { recursive: true });
const media = resolve(mediaArg);
const defi = join(content, 'defis', readdirSync(join(content, 'defis')).filter((f) => f.endsWith('.md') && !f.startsWith('_')).sort()[0]!);

const publisher = await createPublisher({ codeRoot: process.cwd(), csp: false });
let prev: string | undefined;
const search: number[] = [];
const before = load1();
for (let i = 0; i <= edits; i++) {
  if (i > 0) writeFileSync(defi, `${readFileSync(defi, 'utf8')}\n\nModification de mesure n° ${i}.\n`);
  const out = join(tmp, `build-${i}`);
  const r = await publisher.build(content, media, out, prev);
  if (!r.ok) { console.error(r.output.split('\n').slice(-10).join('\n')); process.exit(1); }
  if (i > 0) search.push(r.ms['search'] ?? NaN);
  console.log(`${i === 0 ? 'première publication' : `modification ${i}`} : ${r.total} ms ; ${r.result?.rendered}/${r.result?.pages} rendue(s) ; ${Object.entries(r.ms).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (prev) rmSync(prev, { recursive: true, force: true });
  prev = out;
}
await publisher.close();
console.log(`SEARCH_JSON ${JSON.stringify({ search, median: median(search), load: [before, load1()] })}`);
process.exit(0);
