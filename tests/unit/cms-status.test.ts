import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { frenchTime, statusLine } from '../../backoffice/admin/status-text.ts';
import { frenchToast } from '../../backoffice/admin/toasts.ts';
import { statusPage } from '../../backoffice/status/page.ts';
import { contentIndex, problemsOf } from '../../backoffice/problems/describe.ts';
import { refusalText, type Problem } from '../../backoffice/problems/problem.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import type { StackStatus } from '../../backoffice/types.ts';
import { tempTree } from '../helpers/content-tree.ts';

/** A problem as the checks give it (backoffice/problems/describe.ts). */
const brigade: Problem = {
  entry: { kind: 'Défi', title: 'Brigade <fictive>', file: 'content/defis/brigade.md', admin: '/admin/#/collections/defis/entries/brigade' },
  field: { path: 'date', label: 'Date de publication' }, file: 'content/defis/brigade.md', line: 3, message: 'date invalide', severity: 'error',
};

const now = new Date('2026-11-30T14:40:00');

/** A sentence as statusLine gives it: « ~ » is a non-breaking space, « ^ » a narrow one (backoffice/admin/french-spaces.ts). */
const nb = (s: string) => s.replace(/~/g, '\u00a0').replace(/\^/g, '\u202f');

describe('status in an editor’s words', () => {
  it('writes times as « 14 h 32 », another day with its date', () => {
    expect(frenchTime(new Date('2026-11-30T14:32:10').toISOString(), now)).toBe('14 h 32');
    expect(frenchTime(new Date('2026-11-30T09:05:00').toISOString(), now)).toBe('9 h 05');
    expect(frenchTime(new Date('2026-11-28T14:32:00').toISOString(), now)).toBe('28 novembre à 14 h 32');
  });

  it('gives one line per state', () => {
    expect(statusLine({ state: 'building' }, now)).toEqual({ tone: 'info', text: 'Mise en ligne en cours…' });
    expect(statusLine({ state: 'ready', servedAt: new Date('2026-11-30T14:32:00').toISOString() }, now)).toEqual({ tone: 'success', text: nb('En ligne depuis 14~h~32') });
    const failed = statusLine({ state: 'failed', error: { at: now.toISOString(), problems: [{ ...brigade, entry: { ...brigade.entry, title: 'A' } }] } }, now);
    expect(failed.tone).toBe('error');
    expect(failed.text).toBe(nb('Échec de la mise en ligne~: Défi «~A~», champ «~Date de publication~»~: date invalide. Le site montre la version précédente.'));
  });

  it('shows a refusal for two minutes, then the state again', () => {
    const refusal = { action: 'deleteFile', error: 'Suppression refusée : « x.png » est utilisé par Défi « A ».', at: new Date('2026-11-30T14:39:00').toISOString() };
    const ready = { state: 'ready' as const, servedAt: new Date('2026-11-30T14:32:00').toISOString(), refusal };
    expect(statusLine(ready, now)).toEqual({ tone: 'error', text: nb('Suppression refusée~: «~x.png~» est utilisé par Défi «~A~». (14~h~39)') });
    expect(statusLine(ready, new Date('2026-11-30T14:42:00')).text).toBe(nb('En ligne depuis 14~h~32'));
    expect(statusLine({ ...ready, state: 'building' }, now).text).toBe('Mise en ligne en cours…');
  });

  it('says a refused publication from its problems (data): the first one, the count of linked entries, the site unchanged', () => {
    const linked: Problem = { ...brigade, entry: { kind: 'Personne', title: 'B', file: 'content/personnes/b.md' }, file: 'content/personnes/b.md', field: { path: 'defis[0]', label: 'Défis n° 1' }, related: [brigade.entry] };
    const refusal = { action: 'publishUnpublishedEntry', error: 'texte pour Decap', at: new Date('2026-11-30T14:39:00').toISOString(), problems: [brigade, linked] };
    expect(statusLine({ state: 'ready', refusal }, now)).toEqual({ tone: 'error', text: nb('Publication refusée à 14~h~39~: Défi «~Brigade <fictive>~», champ «~Date de publication~»~: date invalide (et 1 contenu lié). Le site en ligne est inchangé.') });
    const html = statusPage({ state: 'ready', published: 'a'.repeat(40), served: 'a'.repeat(40), servedAt: new Date('2026-11-30T14:32:00').toISOString(), builds: 1, refusal }, now);
    expect(html).toContain('Personne « B », champ « Défis n° 1 » : pointe vers défi « Brigade &lt;fictive&gt; », que cette publication rend invalide. Ce contenu lié n’est pas en cause');
    expect(html).toContain('Rien n’a été publié : le site en ligne est inchangé, il montre toujours la version en ligne depuis 14 h 32.');
    expect(html).toContain('<code>content/personnes/b.md:3 (defis[0])</code>');
  });

  it('turns the checks’ issues into problems: entry title, field label, file, line; a linked entry names the one it follows from', () => {
    const t = tempTree();
    cpSync('content', t.contentDir, { recursive: true });
    const file = join(t.contentDir, 'defis', 'brigade-numérique.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^date: .*$/m, 'date: 1907-10-01'));
    const set = loadContent(t.contentDir, t.mediaDir);
    const problems = problemsOf(set.issues.filter((i) => i.severity === 'error'), contentIndex(set));
    const own = problems.find((p) => p.file === 'content/defis/brigade-numérique.md');
    expect(own).toMatchObject({
      entry: { kind: 'Défi', title: 'Brigade numérique', file: 'content/defis/brigade-numérique.md', admin: '/admin/#/collections/defis/entries/brigade-num%C3%A9rique' },
      field: { path: 'date', label: 'Date de publication' }, line: 11, severity: 'error',
    });
    expect(own?.message).toMatch(/^date hors de la période admise/);
    // A person page pointing at the défi: not its own fault, it follows from the défi.
    const linked = problems.filter((p) => p.related?.length);
    expect(linked.length).toBeGreaterThan(0);
    for (const p of linked) {
      expect(p.entry.kind).toBe('Personne');
      expect(p.related).toEqual([own!.entry]);
      expect(p.field?.label).toMatch(/^Défis/);
    }
    const text = refusalText('Publication', [own!, ...linked]);
    expect(text).toMatch(/^Publication refusée : Défi « Brigade numérique », champ « Date de publication » : date hors de la période admise .*\. Corrigez le champ « Date de publication » puis publiez de nouveau\. \d+ contenus liés \(Personne « [^»]+ », .*\) pointent vers défi « Brigade numérique » : ils se rétablissent quand ce contenu sera corrigé, rien à y changer\. Le site en ligne est inchangé\.$/);
    expect(text).not.toMatch(/API_ERROR|relation par slug|\.md/);
  });

  it('puts commits and file:line: field only in the collapsed details', () => {
    const status: StackStatus = {
      state: 'failed', published: 'b'.repeat(40), served: 'a'.repeat(40), servedAt: new Date('2026-11-30T14:32:00').toISOString(), builds: 2, lastBuildMs: 12_345,
      error: { commit: 'b'.repeat(40), at: new Date('2026-11-30T14:38:00').toISOString(), problems: [brigade], output: 'sortie <script>' },
    };
    const html = statusPage(status, now);
    const [main, details] = html.split('<details>');
    expect(main).toContain('Échec de la mise en ligne');
    expect(main).toContain('Défi « Brigade &lt;fictive&gt; », champ « Date de publication » : date invalide. Corrigez le champ « Date de publication » puis publiez de nouveau.');
    expect(main).toContain('<a href="/admin/#/collections/defis/entries/brigade">Défi « Brigade &lt;fictive&gt; »</a>');
    expect(main).toContain('Le site en ligne est inchangé : il montre toujours la version en ligne depuis 14 h 32.');
    expect(main).not.toMatch(/[0-9a-f]{10}/);
    expect(main).not.toContain('brigade.md');
    expect(details).toContain('bbbbbbbbbb');
    expect(details).toContain('content/defis/brigade.md:3 (date)');
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
    // Decap prints the server's refusal as its error object: « API_ERROR: » never shows.
    expect(frenchToast('Échec de la publication : API_ERROR: Publication refusée : Défi « A », champ « Date » : date invalide. Le site en ligne est inchangé.'))
      .toBe('Publication refusée : Défi « A », champ « Date » : date invalide. Le site en ligne est inchangé.');
    expect(frenchToast('Échec de l’enregistrement : API_ERROR: Échec de l’enregistrement : le disque est plein (ENOSPC)')).toBe('Échec de l’enregistrement : Échec de l’enregistrement : le disque est plein (ENOSPC)');
  });
});
