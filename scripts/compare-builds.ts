/**
 * `npx tsx scripts/compare-builds.ts <before> <after> [<before> <after>…]`: whether two built
 * sites (or two import outputs) are byte for byte the same. Prints each file present on one
 * side only or with other bytes, and exits 1 on any difference. A change meant to leave the
 * built site unchanged (a rename, a refactor) is proven by building the demo and the imported
 * corpus before and after it and comparing the pairs here.
 */
import { existsSync, statSync } from 'node:fs';
import { differences } from '../tests/helpers/tree-diff.ts';

const args = process.argv.slice(2);
if (args.length === 0 || args.length % 2 !== 0) {
  console.error('Usage : npx tsx scripts/compare-builds.ts <avant> <après> [<avant> <après>…]');
  process.exit(2);
}
let failed = false;
for (let i = 0; i < args.length; i += 2) {
  const [before, after] = [args[i]!, args[i + 1]!];
  for (const dir of [before, after]) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      console.error(`${dir} : dossier introuvable`);
      process.exit(2);
    }
  }
  // differences() names its sides « incrémental » (the first) and « complet » (the second).
  const diffs = differences(after, before).map((d) => d.replace('l’incrémental', 'après').replace('le complet', 'avant'));
  if (diffs.length) {
    failed = true;
    console.log(`${before} ≠ ${after} : ${diffs.length} différence(s)`);
    for (const d of diffs) console.log(`  ${d}`);
  } else {
    console.log(`${before} = ${after} : identiques octet pour octet`);
  }
}
process.exit(failed ? 1 : 0);
