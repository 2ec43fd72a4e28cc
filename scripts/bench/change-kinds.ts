/**
 * The seven kinds of change of #23's publication figures, on one content tree: what a
 * publication of each writes into the tree, run `i` of `runs`. Shared by scripts/bench/changes.ts
 * (publish → live, `runs` times each) and scripts/bench/over-render.ts (pages rendered, once).
 *
 * Targets are chosen once, in file order: the first défi's body (text edit), a copy of the second
 * défi with a new image (new entry), an entry's raster image replaced by two others in turns (an
 * SVG of its own type in the demo), an article no other article relates to (deleted, or renamed),
 * the first thème's title, the first person with a défi moved to the third or fourth défi.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type ChangeKinds = Record<string, (i: number) => void>;

export function changeKinds(contentDir: string, mediaDir: string, runs: number): ChangeKinds {
  const C = (...p: string[]) => join(contentDir, ...p);
  const M = (...p: string[]) => join(mediaDir, ...p);
  const mds = (dir: string) => readdirSync(C(dir)).filter((f) => f.endsWith('.md') && !f.startsWith('_')).sort();
  const read = (p: string) => readFileSync(p, 'utf8');
  const defis = mds('defis');
  const related = new Set(mds('blog').flatMap((f) => [...read(C('blog', f)).matchAll(/^ {2}- (\S+)$/gm)].map((m) => m[1]!)));
  const articles = mds('blog').filter((f) => !related.has(f.slice(0, -3)));
  const themes = mds('themes');
  const people = mds('personnes').filter((f) => /^defis:\n {2}- \S+/m.test(read(C('personnes', f))));
  const raster = (f: string) => /\.(jpe?g|png)$/i.test(f);
  const images = readdirSync(M()).filter(raster).map((f) => ({ f, size: statSync(M(f)).size })).filter((x) => x.size > 1_000).sort((a, b) => a.size - b.size);
  const [imgA, imgB] = [images[0]?.f ?? '', images[1]?.f ?? ''];
  // An entry's image (a raster portrait in the corpus; an SVG in the demo), replaced in turns by
  // two other media files of its own type.
  const entryImages = ['personnes', 'blog', 'defis'].flatMap((d) => mds(d).map((f) => /^image: img\/(.+)$/m.exec(read(C(d, f)))?.[1])).filter((i): i is string => !!i && existsSync(M(i)));
  const portrait = entryImages.find((i) => raster(i) && i !== imgA && i !== imgB) ?? entryImages[0]!;
  const ext = (f: string) => f.split('.').pop()!.toLowerCase();
  const [repA, repB] = raster(portrait) ? [imgA, imgB] : readdirSync(M()).filter((f) => ext(f) === ext(portrait) && f !== portrait && !entryImages.includes(f)).slice(0, 2);
  if (articles.length < 2 * runs || defis.length < runs + 3 || !people.length || !themes.length || !portrait || !repA || !repB) throw new Error('contenu trop petit pour ce banc');
  const person = people[0]!;
  return {
    'modification de texte': (i) => writeFileSync(C('defis', defis[0]!), `${read(C('defis', defis[0]!))}\n\nModification de mesure n° ${i}.\n`),
    'nouvelle entrée et nouvelle image': (i) => {
      copyFileSync(M(i % 2 ? imgA : imgB), M(`bench-nouveau-${i}.jpg`));
      writeFileSync(C('defis', `bench-nouveau-${i}.md`), read(C('defis', defis[1]!)).replace(/^title: .*$/m, `title: Défi de mesure ${i}`).replace(/^image: .*$/m, `image: img/bench-nouveau-${i}.jpg`));
    },
    'image remplacée': (i) => copyFileSync(M(i % 2 ? repA : repB), M(portrait)),
    'entrée supprimée': (i) => rmSync(C('blog', articles[i]!)),
    'entrée renommée': (i) => renameSync(C('blog', articles[runs + i]!), C('blog', articles[runs + i]!.replace(/\.md$/, '-renomme.md'))),
    'terme renommé': (i) => writeFileSync(C('themes', themes[0]!), read(C('themes', themes[0]!)).replace(/^title: .*$/m, `title: Thème renommé ${i}`)),
    'personne changée de défi': (i) => writeFileSync(C('personnes', person), read(C('personnes', person)).replace(/^(defis:\n {2}- )\S+/m, `$1${defis[2 + (i % 2)]!.slice(0, -3)}`)),
  };
}
