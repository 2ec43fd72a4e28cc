/**
 * `npm run import -- <legacy-dir> <out-dir>`: imports a tree of the previous site
 * (`<legacy-dir>/content/**.md`, `<legacy-dir>/static/img/**`) into `<out-dir>/content` and
 * `<out-dir>/media`, and writes every finding to `<out-dir>/import-report.json`.
 * Then: `CONTENT_DIR=<out-dir>/content MEDIA_DIR=<out-dir>/media npm run build`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runImport } from '../src/lib/import/run.ts';
import type { FindingKind } from '../src/lib/import/report.ts';

const LABELS: Partial<Record<FindingKind, string>> = {
  'normalised-match': 'relations rapprochées après normalisation',
  'split-match': 'valeurs désignant plusieurs entrées (découpées)',
  'unmatched-relation': 'valeurs de relation sans correspondance (non reprises)',
  'created-term': 'termes créés',
  'duplicate-key': 'clés YAML en double (dernière gardée)',
  'unknown-key': 'clés inconnues du modèle (non reprises)',
  'missing-required': 'valeurs obligatoires manquantes (valeur de repli)',
  'default-value': 'valeurs par défaut écrites (à compléter)',
  'invalid-value': 'valeurs invalides',
  'bare-year-date': 'dates réduites à une année',
  trimmed: 'valeurs avec espaces en début ou fin',
  'renamed-file': 'fichiers renommés (slug)',
  'kept-legacy-url': 'anciennes adresses gardées dans url:',
  'duplicate-slug': 'slugs en double (suffixés)',
  'not-markdown': 'fichiers non Markdown (non copiés)',
  'unknown-file': 'fichiers inconnus du modèle (non copiés)',
  'invalid-yaml': 'en-têtes YAML illisibles (fichiers non importés)',
  'invalid-encoding': 'fichiers non UTF-8 (convertis)',
  'remote-image': 'images données par une adresse https://',
  'missing-image': 'références à des images absentes',
  'image-found-by-normalised-name': 'images trouvées malgré casse/accents',
  'renamed-image': 'images renommées',
  'unsafe-html': 'HTML dangereux signalé',
  'detected-language': 'textes en anglais (lang: en écrit, à vérifier)',
};

function main(): number {
  const [legacyArg, outArg] = process.argv.slice(2);
  if (!legacyArg || !outArg) {
    console.error('Usage : npm run import -- <dossier-ancien-site> <dossier-de-sortie>');
    return 2;
  }
  const legacyDir = resolve(legacyArg);
  const outDir = resolve(outArg);
  if (!existsSync(join(legacyDir, 'content'))) {
    console.error(`Dossier introuvable : ${join(legacyDir, 'content')} (attendu : <ancien-site>/content et <ancien-site>/static/img)`);
    return 2;
  }
  const started = performance.now();
  console.log(`Import de ${legacyDir} vers ${outDir}`);
  const result = runImport(legacyDir, outDir, (line) => console.log(line));
  const counts = result.report.counts();
  console.log('Fichiers écrits :');
  for (const [k, n] of Object.entries(result.written)) console.log(`  ${k.padEnd(12)} ${n}`);
  console.log(`Médias copiés : ${result.mediaCopied} (sur ${result.mediaAvailable} disponibles)`);
  console.log('Constats :');
  for (const [k, n] of Object.entries(counts)) console.log(`  ${String(n).padStart(5)}  ${LABELS[k as FindingKind] ?? k}`);
  const defaulted = new Map<string, number>();
  for (const f of result.report.findings) if (f.kind === 'default-value') defaulted.set(`${f.field} = ${f.result}`, (defaulted.get(`${f.field} = ${f.result}`) ?? 0) + 1);
  for (const [what, n] of defaulted) console.log(`         dont ${n} × ${what}${what.startsWith('outcome.status') ? ' (défis au devenir « non renseigné »)' : ''}`);
  const unmatched = result.report.sorted().filter((f) => f.kind === 'unmatched-relation' || f.kind === 'invalid-yaml' || f.kind === 'missing-required');
  if (unmatched.length) {
    console.log('À reprendre à la main :');
    for (const f of unmatched) console.log(`  ${f.file}:${f.line ?? ''}: ${f.field ?? '-'}: ${f.message}${f.candidates?.length ? ` ; proches : ${f.candidates.join(' ; ')}` : ''}`);
  }
  console.log(`Rapport complet : ${join(outDir, 'import-report.json')} (${((performance.now() - started) / 1000).toFixed(2)} s)`);
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  console.error(`Import interrompu : ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
