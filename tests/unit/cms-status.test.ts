import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frenchTime, statusLine } from '../../backoffice/admin/status-text.ts';
import { frenchToast } from '../../backoffice/admin/toasts.ts';
import { describeBuildIssues, statusPage } from '../../backoffice/status/page.ts';
import { errorLines } from '../../backoffice/server/stack.ts';
import type { StackStatus } from '../../backoffice/types.ts';

const now = new Date('2026-11-30T14:40:00');

describe('status in an editor’s words', () => {
  it('writes times as « 14 h 32 », another day with its date', () => {
    expect(frenchTime(new Date('2026-11-30T14:32:10').toISOString(), now)).toBe('14 h 32');
    expect(frenchTime(new Date('2026-11-30T09:05:00').toISOString(), now)).toBe('9 h 05');
    expect(frenchTime(new Date('2026-11-28T14:32:00').toISOString(), now)).toBe('28 novembre à 14 h 32');
  });

  it('gives one line per state', () => {
    expect(statusLine({ state: 'building' }, now)).toEqual({ tone: 'info', text: 'Mise en ligne en cours…' });
    expect(statusLine({ state: 'ready', servedAt: new Date('2026-11-30T14:32:00').toISOString() }, now)).toEqual({ tone: 'success', text: 'En ligne depuis 14 h 32' });
    const failed = statusLine({ state: 'failed', error: { at: now.toISOString(), issues: [], described: [{ sentence: 'Défi « A », champ « Date de publication » : date invalide', entry: 'Défi « A »', message: 'date invalide', where: 'content/defis/a.md:3: date' }] } }, now);
    expect(failed.tone).toBe('error');
    expect(failed.text).toBe('Échec de la mise en ligne : Défi « A », champ « Date de publication » : date invalide. Le site montre la version précédente.');
  });

  it('shows a refusal for two minutes, then the state again', () => {
    const refusal = { action: 'deleteFile', error: 'Suppression refusée : « x.png » est utilisé par Défi « A ».', at: new Date('2026-11-30T14:39:00').toISOString() };
    const ready = { state: 'ready' as const, servedAt: new Date('2026-11-30T14:32:00').toISOString(), refusal };
    expect(statusLine(ready, now)).toEqual({ tone: 'error', text: 'Suppression refusée : « x.png » est utilisé par Défi « A ». (14 h 39)' });
    expect(statusLine(ready, new Date('2026-11-30T14:42:00')).text).toBe('En ligne depuis 14 h 32');
    expect(statusLine({ ...ready, state: 'building' }, now).text).toBe('Mise en ligne en cours…');
  });

  it('describes build errors by entry title and field label, keeping file:line: field for the details', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eig-status-'));
    mkdirSync(join(dir, 'defis'));
    writeFileSync(join(dir, 'defis', 'brigade.md'), '---\ntitle: Brigade fictive\ndate: 1907-01-01\n---\n');
    const d = describeBuildIssues(dir, ['content/defis/brigade.md:3: date: erreur : date hors de la période admise', 'content/program.md:15: numbers[0].num: erreur : champ obligatoire manquant ou vide', 'ligne sans rapport']);
    expect(d).toEqual([
      { sentence: 'Défi « Brigade fictive », champ « Date de publication » : date hors de la période admise', entry: 'Défi « Brigade fictive »', field: 'Date de publication', message: 'date hors de la période admise', where: 'content/defis/brigade.md:3: date' },
      expect.objectContaining({ entry: 'Page « Programme »', field: 'Chiffres clés n° 1 › Nombre', where: 'content/program.md:15: numbers[0].num' }),
    ]);
  });

  it('reads the check’s error lines whether the published folder is printed relative or absolute', () => {
    const out = '../../tmp/d/published/content/defis/x.md:3: date: erreur : m\n/tmp/d/published/content/program.md:15: numbers[0].num: erreur : n\nsans rapport';
    expect(errorLines(out, '/tmp/d/published')).toEqual(['content/defis/x.md:3: date: erreur : m', 'content/program.md:15: numbers[0].num: erreur : n']);
  });

  it('puts commits and file:line: field only in the collapsed details', () => {
    const status: StackStatus = {
      state: 'failed', published: 'b'.repeat(40), served: 'a'.repeat(40), servedAt: new Date('2026-11-30T14:32:00').toISOString(), builds: 2, lastBuildMs: 12_345,
      error: { commit: 'b'.repeat(40), at: new Date('2026-11-30T14:38:00').toISOString(), issues: ['content/defis/brigade.md:3: date: erreur : date invalide'], output: 'sortie <script>', described: [{ sentence: 's', entry: 'Défi « Brigade <fictive> »', field: 'Date de publication', message: 'date invalide', where: 'content/defis/brigade.md:3: date' }] },
    };
    const html = statusPage(status, now);
    const [main, details] = html.split('<details>');
    expect(main).toContain('Échec de la mise en ligne');
    expect(main).toContain('<strong>Défi « Brigade &lt;fictive&gt; »</strong>, champ « Date de publication » : date invalide');
    expect(main).not.toMatch(/[0-9a-f]{10}/);
    expect(main).not.toContain('brigade.md');
    expect(details).toContain('bbbbbbbbbb');
    expect(details).toContain('content/defis/brigade.md:3: date');
    expect(details).toContain('sortie &lt;script&gt;');
    expect(html).toContain('role="status"');
    expect(html).toContain('<html lang="fr">');
  });
});

describe('Decap’s English toast prefixes', () => {
  it('puts « Failed to delete media: » in French and keeps the cause', () => {
    expect(frenchToast('Failed to delete media: Suppression refusée : « a.png » est utilisé par Défi « A ».'))
      .toBe('Échec de la suppression du média : Suppression refusée : « a.png » est utilisé par Défi « A ».');
    expect(frenchToast('Failed to persist media: Type de fichier refusé')).toBe('Échec de l’enregistrement du média : Type de fichier refusé');
    expect(frenchToast('Entrée enregistrée')).toBeUndefined();
  });
});
