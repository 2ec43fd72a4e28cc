/**
 * `npm run typecheck:pages`: type-checks the TypeScript of the `.astro` files (front matter and
 * template expressions), which `tsc` alone never sees. Pages read typed content (query.ts
 * `page('home')`, `all('defis')`: types derived from the model), so a field the model lacks, or
 * a value used as the wrong type, fails here.
 *
 * How: a copy of src/ (and backoffice/admin/, which the /admin/ page imports) in node_modules/.cache/eig-astro-tsx/ where each `.astro` file becomes the
 * TSX that Astro's own compiler gives for editors (`convertToTSX`, as `astro check` does), with
 * `Astro` typed by the file's `Props`; client `<script>` blocks are left out (they are bundled
 * and checked as browser code, not as the page's). Then `tsc` with the project's tsconfig.
 * Errors are printed with the `.astro` file and the line of the TSX. Exit 1 on any error.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { convertToTSX } from '@astrojs/compiler';

const root = process.cwd();
const out = resolve(root, 'node_modules/.cache/eig-astro-tsx');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// src/ and what its pages import from outside it (the /admin/ page's parts, backoffice/admin/).
for (const dir of ['src', 'backoffice/admin']) cpSync(join(root, dir), join(out, dir), { recursive: true });
if (existsSync(join(root, '.astro'))) cpSync(join(root, '.astro'), join(out, '.astro'), { recursive: true });

const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f);
  return statSync(p).isDirectory() ? walk(p) : [p];
});

/** Client scripts' bodies, blanked line for line (line numbers stay those of the TSX). */
const withoutScripts = (tsx: string) => tsx.replace(/(<script\b[^>]*>)([\s\S]*?)(<\/script>)/g, (_, open: string, body: string, close: string) => `${open}${body.replace(/[^\n]/g, '')}${close}`);

const files = walk(join(out, 'src')).filter((p) => p.endsWith('.astro'));
for (const file of files) {
  const source = readFileSync(file, 'utf8');
  const { code } = await convertToTSX(source, { filename: file });
  // The compiler declares `Astro` with the file's Props when the file uses it; else we do.
  const astro = /declare const Astro\b/.test(code) ? '' : '\ndeclare const Astro: import(\'astro\').AstroGlobal<Record<string, unknown>>;';
  // `Fragment` is a tag name in the TSX (Astro's language tools declare it the same way).
  const tsx = `${withoutScripts(code.replace(/\/\/# sourceMappingURL=.*$/m, ''))}${astro}\ndeclare const Fragment: any;\nexport {};\n`;
  writeFileSync(`${file}.tsx`, tsx);
  rmSync(file);
}
writeFileSync(join(out, 'tsconfig.json'), JSON.stringify({
  extends: join(root, 'tsconfig.json'),
  include: ['.astro/types.d.ts', 'src/**/*'],
  exclude: [], // the project's excludes node_modules/, where this copy lives
  // The TSX declares helper types of its own (ASTRO__MergeUnion…) that a page may not use.
  compilerOptions: { noUnusedLocals: false },
}));

const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(out, 'tsconfig.json'), '--noEmit', '--pretty', 'false'], { encoding: 'utf8' });
const errors = tsc.stdout.split('\n').filter((l) => /\berror TS\d+:/.test(l));
if (tsc.status !== 0 && !errors.length) errors.push(`tsc a échoué (${tsc.status}) : ${tsc.stdout}${tsc.stderr}`);
for (const e of errors) console.error(e.replace(/^src\//, 'src/').replace(/\.astro\.tsx\(/, '.astro (TSX ').replace(out + '/', ''));
console.log(`${files.length} fichier(s) .astro vérifié(s) : ${errors.length} erreur(s) de type.`);
process.exit(errors.length ? 1 : 0);
