/**
 * The W3C Nu HTML checker (vnu-jar, Java 11+) on every HTML file of the demo build, back-office
 * pages and redirect stubs included: 0 errors. Its warnings are listed by kind; each kind kept
 * is in KEPT_WARNINGS with the reason, and an unknown kind fails the gate.
 * One Java process checks the whole build (≈ 30 s for 150 pages; one per page would be minutes).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';

const dist = inject('distDir');
const vnuJar = join(createRequire(import.meta.url).resolve('vnu-jar'), '..', 'build', 'dist', 'vnu.jar');

/** Warning kinds the site keeps, by the start of the checker's message, and why. */
const KEPT_WARNINGS: { starts: string; why: string; only?: string }[] = [
  { starts: 'Text run is not in Unicode Normalization Form C', only: '/programme/index.html', why: 'la page du programme est le texte des éditeurs rendu sans changement (content/program.md, identique octet pour octet au fichier fourni, tests/unit/model.test.ts) : deux paragraphes y sont en forme décomposée (NFD), affichés à l’identique ; un avertissement, pas une erreur, et seulement sur cette page' },
  { starts: 'The “navigation” role is unnecessary for element “nav”', why: 'balisage de référence du DSFR (en-tête, pied de page, fil d’Ariane, menus) : sans effet pour les technologies d’assistance, gardé pour rester identique aux gabarits du DSFR' },
  { starts: 'The “banner” role is unnecessary for element “header”', why: 'balisage de référence du DSFR (en-tête) : redondant mais sans effet' },
  { starts: 'The “main” role is unnecessary for element “main”', why: 'balisage de référence du DSFR (gabarit de page) : redondant mais sans effet' },
  { starts: 'The “contentinfo” role is unnecessary for element “footer”', why: 'balisage de référence du DSFR (pied de page) : redondant mais sans effet' },
  { starts: 'The “dialog” role is unnecessary for element “dialog”', why: 'balisage de référence du DSFR (modales) : redondant mais sans effet' },
];

interface VnuMessage { type: string; subType?: string; url?: string; lastLine?: number; message: string; extract?: string }

/** Runs the checker on files or folders; returns its messages (JSON on stderr). */
function vnu(paths: string[], errorsOnly: boolean): VnuMessage[] {
  const args = ['-jar', vnuJar, '--format', 'json', '--skip-non-html', ...(errorsOnly ? ['--errors-only'] : []), ...paths];
  const r = spawnSync('java', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`Le vérificateur W3C n’a pas pu être lancé (java -jar vnu.jar) : ${r.error.message}. Installez Java 11 ou plus (apt-get install -y openjdk-17-jre-headless).`);
  return (JSON.parse(r.stderr) as { messages: VnuMessage[] }).messages;
}

const where = (m: VnuMessage) => `${m.url ? `/${relative(dist, fileURLToPath(m.url))}` : '?'}:${m.lastLine ?? '?'} ${m.message}`;
const tmp = mkdtempSync(join(tmpdir(), 'eig-vnu-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('W3C Nu HTML checker (vnu-jar)', () => {
  it('catches an error (the gate can fail)', () => {
    const probe = join(tmp, 'probe.html');
    writeFileSync(probe, '<!doctype html><html lang="fr"><head><title>t</title></head><body><div aria-labelledby="x">a</div></body></html>\n<script src="a.js"></script>');
    const kinds = vnu([probe], true).map((m) => m.message);
    expect(kinds.some((k) => k.startsWith('The “aria-labelledby” attribute must not be specified on any “div”'))).toBe(true);
    expect(kinds).toContain('Stray start tag “script”.');
  });

  const messages = vnu([dist], false);

  it('every page of the build: 0 errors', () => {
    expect(messages.filter((m) => m.type === 'error' || m.type === 'non-document-error').map(where)).toEqual([]);
  });

  it('every warning is of a kind kept on purpose (KEPT_WARNINGS, with its reason)', () => {
    const warnings = messages.filter((m) => m.type === 'info' && m.subType === 'warning');
    const byKind = new Map<string, number>();
    for (const w of warnings) {
      const kept = KEPT_WARNINGS.find((k) => w.message.startsWith(k.starts) && (!k.only || where(w).startsWith(`${k.only}:`)));
      const kind = kept ? kept.starts : `non justifié : ${where(w)}`;
      byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    }
    console.log(`Vérificateur W3C : ${messages.filter((m) => m.type === 'error').length} erreur(s), ${warnings.length} avertissement(s) :\n${[...byKind].map(([k, n]) => `  ${n} × ${k}`).join('\n')}`);
    expect([...byKind.keys()].filter((k) => k.startsWith('non justifié'))).toEqual([]);
  });
});
