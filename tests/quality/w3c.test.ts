/**
 * The W3C Nu HTML checker (vnu-jar, Java 11+) on every HTML file of the demo build, back-office
 * pages and redirect stubs included: 0 errors. Its warnings are listed by kind; each kind kept
 * is in KEPT_WARNINGS (tests/helpers/vnu.ts) or below, with the reason, and an unknown kind fails
 * the gate. One Java process checks the whole build (≈ 30 s for 150 pages).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { KEPT_WARNINGS, vnu, vnuReport, vnuSummary, type KeptWarning } from '../helpers/vnu.ts';

const dist = inject('distDir');

/** Kept on the demo build only. */
const DEMO_KEPT: readonly KeptWarning[] = [
  ...KEPT_WARNINGS,
  { starts: 'Text run is not in Unicode Normalization Form C', only: '/programme/index.html', why: 'la page du programme est le texte des éditeurs rendu sans changement (content/program.md, identique octet pour octet au fichier fourni, tests/unit/model.test.ts) : deux paragraphes y sont en forme décomposée (NFD), affichés à l’identique ; un avertissement, pas une erreur, et seulement sur cette page' },
];

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

  const report = vnuReport(vnu([dist]), dist, DEMO_KEPT);

  it('every page of the build: 0 errors', () => {
    expect(report.errors).toEqual([]);
  });

  it('every warning is of a kind kept on purpose (KEPT_WARNINGS, with its reason)', () => {
    console.log(vnuSummary('démonstration', report));
    expect(report.unkept).toEqual([]);
  });
});
