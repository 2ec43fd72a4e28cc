import { describe, expect, it } from 'vitest';
import { frenchSpaces } from '../../backoffice/admin/french-spaces.ts';
import { statusLine } from '../../backoffice/admin/status-text.ts';

/** « ~ » is U+00A0, « ^ » U+202F: the expected texts stay readable. */
const nb = (s: string) => s.replace(/~/g, '\u00a0').replace(/\^/g, '\u202f');

describe('French non-breaking spaces (the status bar wraps on a phone, #22)', () => {
  it('keeps « : » and « » » off the start of a line, a time on one line', () => {
    expect(frenchSpaces('Publié par Camille Martin à 14 h 32 : Défi « Eau claire »')).toBe(nb('Publié par Camille Martin à 14~h~32~: Défi «~Eau claire~»'));
    expect(frenchSpaces('Publication programmée le 15 janvier à 9 h : « À l’heure »')).toBe(nb('Publication programmée le 15 janvier à 9~h~: «~À l’heure~»'));
    expect(frenchSpaces('Le site est en ligne ; vraiment ? Oui !')).toBe(nb('Le site est en ligne^; vraiment^? Oui^!'));
  });

  it('changes only spaces between words, and only once', () => {
    for (const text of ['https://exemple.fr/a:b', '10:30', '2 heures', 'Défis n° 1', 'code 3 — quota']) expect(frenchSpaces(text), text).toBe(text);
    const once = frenchSpaces('Échec à 9 h 05 : « x » ; fin');
    expect(frenchSpaces(once)).toBe(once);
    expect(once).toBe(nb('Échec à 9~h~05~: «~x~»^; fin'));
  });

  it('is what the status bar shows: its sentence never leaves « 14 h 32 : » to be cut', () => {
    const line = statusLine({ state: 'ready', servedAt: new Date('2026-11-30T14:32:00').toISOString() }, new Date('2026-11-30T14:40:00'));
    expect(line.text).toBe(nb('En ligne depuis 14~h~32'));
    expect(line.text).not.toMatch(/\d h|h \d| :/);
  });
});
