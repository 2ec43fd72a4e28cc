import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under `dir`, relative, sorted. */
export function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** Files missing on one side, or with different bytes (`a`: the incremental or renderer's side). */
export function differences(a: string, b: string, ignore: RegExp = /^$/): string[] {
  const ta = tree(a).filter((f) => !ignore.test(f));
  const tb = tree(b).filter((f) => !ignore.test(f));
  const sb = new Set(tb);
  const sa = new Set(ta);
  const diffs = [...ta.filter((f) => !sb.has(f)).map((f) => `seulement dans l’incrémental : ${f}`), ...tb.filter((f) => !sa.has(f)).map((f) => `seulement dans le complet : ${f}`)];
  for (const f of ta) if (sb.has(f) && !readFileSync(join(a, f)).equals(readFileSync(join(b, f)))) diffs.push(`contenu différent : ${f}`);
  return diffs;
}
