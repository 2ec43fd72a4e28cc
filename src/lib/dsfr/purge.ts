/**
 * Drops, from the DSFR core CSS, the utility classes no template of this site writes. The core
 * declares every spacing class (`fr-m-*`, `fr-p-*`, per side, per breakpoint: ≈1,300 rules),
 * every grid column and every show/hide class for every breakpoint: half its weight, on every
 * page. Only these author-written families are purged — never a component's own classes, which
 * the DSFR's JavaScript may add at run time — and a selector group is kept as soon as one of its
 * selectors is not a purgeable utility or is used. Classes used are found in the sources
 * (`.astro`, `.ts`): class names are written whole there (no `fr-col-${n}`), and content Markdown
 * cannot carry them (the corpus uses none; tests/quality/weight.test.ts checks the built pages).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The utility families purged when unused. */
export const PURGEABLE = /^\.(fr-(?:m|p)[trblxy]?-(?:(?:sm|md|lg|xl)-)?[0-9a-z-]+|fr-col(?:-offset)?(?:-(?:sm|md|lg|xl))?(?:-\d+)?(?:--right)?|fr-grid-row--(?:sm|md|lg|xl)-[a-z-]+|fr-(?:hidden|unhidden|displayed)(?:-(?:sm|md|lg|xl))?)$/;

/** Every `fr-…` token written in the files under `dir` with one of `extensions`. */
export function usedClasses(dir: string, extensions = ['.astro', '.ts', '.js', '.mjs', '.css']): Set<string> {
  const used = new Set<string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (extensions.some((e) => name.endsWith(e))) for (const m of readFileSync(path, 'utf8').matchAll(/fr-[a-z0-9-]+/g)) used.add(m[0]);
    }
  };
  walk(dir);
  return used;
}

/** `css` (minified, as in the package) without the rules of unused purgeable utilities. */
export function purgeUtilities(css: string, used: ReadonlySet<string>): string {
  const keep = (selector: string) => {
    const s = selector.trim();
    return !PURGEABLE.test(s) || used.has(s.slice(1));
  };
  const walk = (block: string): string => {
    let out = '';
    let pos = 0;
    while (pos < block.length) {
      const open = block.indexOf('{', pos);
      if (open < 0) { out += block.slice(pos); break; }
      const head = block.slice(pos, open);
      // Find the matching closing brace (nested blocks: @media, @supports).
      let depth = 1;
      let end = open + 1;
      while (depth > 0 && end < block.length) {
        const c = block[end];
        if (c === '{') depth++;
        else if (c === '}') depth--;
        end++;
      }
      const body = block.slice(open + 1, end - 1);
      const at = head.trimStart();
      if (at.startsWith('@media') || at.startsWith('@supports')) {
        const inner = walk(body);
        if (inner.trim()) out += `${head}{${inner}}`;
      } else if (at.startsWith('@')) {
        out += `${head}{${body}}`;
      } else {
        const selectors = head.split(',').filter(keep);
        if (selectors.length) out += `${selectors.join(',')}{${body}}`;
      }
      pos = end;
    }
    return out;
  };
  return walk(css);
}
