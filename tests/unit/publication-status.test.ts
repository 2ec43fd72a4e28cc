import { describe, expect, it } from 'vitest';
import { deployFailure, publishedLine, publishedWhat, statusLine, type PublicationView } from '../../backoffice/admin/status-text.ts';
import { statusPage } from '../../backoffice/status/page.ts';
import type { StackStatus } from '../../backoffice/types.ts';

/** 13:32 UTC on a winter day is 14 h 32 in Paris, whatever the machine's time zone. */
const publication: PublicationView & { author: { name: string; email: string } } = {
  commit: 'a'.repeat(40), at: '2026-12-02T13:32:05Z', more: 0,
  author: { name: 'Camille Martin', email: 'camille.martin@exemple.gouv.fr' },
  entries: [{ kind: 'Défi', title: 'Eau claire', admin: '/admin/#/collections/defis/entries/eau-claire', change: 'modified' }],
};
const now = new Date('2026-12-02T15:00:00Z');

/** A sentence as statusLine gives it: « ~ » is a non-breaking space, « ^ » a narrow one (backoffice/admin/french-spaces.ts). */
const nb = (s: string) => s.replace(/~/g, '\u00a0').replace(/\^/g, '\u202f');

describe('who published what and when, in an editor’s words', () => {
  it('says « Publié par Camille Martin à 14 h 32 : Défi « Eau claire » » (Europe/Paris)', () => {
    expect(publishedLine(publication, now)).toBe('Publié par Camille Martin à 14 h 32 : Défi « Eau claire »');
    // Summer time: 12:05 UTC is 14 h 05 in Paris; another day gets its date.
    expect(publishedLine({ ...publication, at: '2026-07-01T12:05:00Z' }, now)).toBe('Publié par Camille Martin le 1 juillet à 14 h 05 : Défi « Eau claire »');
  });

  it('counts the other entries and names a deletion', () => {
    const entries = [...publication.entries, { kind: 'Article', title: 'Bilan', change: 'added' as const }];
    expect(publishedWhat({ entries, more: 0 })).toBe('Défi « Eau claire » et 1 autre contenu');
    expect(publishedWhat({ entries, more: 3 })).toBe('Défi « Eau claire » et 4 autres contenus');
    expect(publishedWhat({ entries: [{ kind: 'Défi', title: 'ancien', change: 'deleted' }], more: 0 })).toBe('Défi « ancien » (supprimé)');
    expect(publishedLine({ ...publication, entries: [] }, now)).toBe('Publié par Camille Martin à 14 h 32');
  });

  it('is the status bar’s line once the publication is online, not while another one builds', () => {
    const ready = { state: 'ready' as const, served: publication.commit, servedAt: '2026-12-02T13:32:09Z', publication };
    // The bar's line keeps « 14 h 32 : » together (french-spaces.ts); publishedLine, a part of it, has plain spaces.
    expect(statusLine(ready, now)).toEqual({ tone: 'success', text: nb('Publié par Camille Martin à 14~h~32~: Défi «~Eau claire~»') });
    expect(statusLine({ ...ready, state: 'building' }, now).text).toBe('Mise en ligne en cours…');
    // A publication that is not (yet) the served one is not claimed online.
    expect(statusLine({ ...ready, served: 'b'.repeat(40) }, now).text).toMatch(/^En ligne depuis /);
  });

  it('says that the deploy command failed, with its exit code and its last error line', () => {
    const live = { commit: publication.commit, at: '2026-12-02T13:32:09Z', deploy: { state: 'failed' as const, commit: publication.commit, at: '2026-12-02T13:32:10Z', code: 3, stderr: 'envoi…\nquota dépassé' } };
    expect(deployFailure({ live }, now)).toBe('Échec du déploiement à 14 h 32 (code de sortie 3) : quota dépassé. Le site est en ligne sur ce serveur ; le déploiement sera relancé à la prochaine publication.');
    expect(deployFailure({ live: { ...live, deploy: { ...live.deploy, code: null, stderr: 'spawn /opt/deploy ENOENT' } } }, now)).toMatch(/\(la commande n’a pas pu être lancée\) : spawn \/opt\/deploy ENOENT\./);
    expect(deployFailure({ live: { ...live, deploy: { ...live.deploy, state: 'ok' } } }, now)).toBeUndefined();
    expect(statusLine({ state: 'ready', served: publication.commit, publication, live }, now).tone).toBe('error');
  });

  it('the status page names who published, links the entries, escapes names', () => {
    const s: StackStatus = { state: 'ready', published: publication.commit, served: publication.commit, servedAt: '2026-12-02T13:32:09Z', builds: 1,
      publication: { ...publication, author: { name: 'Camille <Martin>', email: 'c@exemple.gouv.fr' }, entries: [{ ...publication.entries[0]!, file: 'content/defis/eau-claire.md' }] } };
    const html = statusPage(s, now);
    expect(html).toContain('<h2>Dernière publication</h2>');
    expect(html).toContain('Publié par <strong>Camille &lt;Martin&gt;</strong> à 14 h 32 :');
    expect(html).toContain('<a href="/admin/#/collections/defis/entries/eau-claire">Défi « Eau claire »</a> (modifié)');
  });
  it('the status page says when the public site changed, without the server’s folders (an editor’s screen)', () => {
    const s: StackStatus = { state: 'ready', published: publication.commit, served: publication.commit, servedAt: '2026-12-02T13:32:09Z', builds: 1,
      live: { commit: publication.commit, dir: '/srv/eig/builds/1796-abc', at: '2026-12-02T13:32:09Z', cspChanged: false, ms: 12 } };
    const html = statusPage(s, now);
    expect(html).toContain('<h2>Site public</h2>');
    expect(html).toContain('Version mise en ligne à 14 h 32.');
    expect(html).not.toContain('/srv/eig');
  });
});
