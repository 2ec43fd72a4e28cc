import { describe, expect, it } from 'vitest';
import { defisOfPerson, listOfRole, lookup, peopleOfDefi, peopleWithRole, slugsOf, sortDefis, withTerm, type DefiData, type PersonData, type Related } from '../../src/lib/content/relations.ts';
import { collectionEntries } from '../../src/lib/content/load.ts';
import { demo, entriesOf, slugs } from '../helpers/demo-content.ts';

const defi = (id: string, date: string, extra: Partial<DefiData> = {}): Related<DefiData> => ({
  id, data: { title: id, description: '', who: '', town: '', themes: [], promos: [], expertises: [], date: new Date(date), image: '', visible: true, outcome: { status: 'non-renseigne' }, ...extra },
});
const person = (id: string, title: string, extra: Partial<PersonData> = {}): Related<PersonData> => ({
  id, data: { title, job: '', role: 'participant', promos: [], defis: [], expertises: [], image: '', ...extra },
});

describe('relations by slug', () => {
  const defis = [defi('a', '2023-01-01'), defi('b', '2025-01-01', { themes: ['sante'] }), defi('c', '2024-01-01', { visible: false }), defi('d', '2025-01-01', { themes: ['sante', 'culture'] })];

  it('looks entries up in the order of the slugs, skipping unknown ones', () => {
    expect(lookup(defis, ['d', 'inconnu', 'a']).map((d) => d.id)).toEqual(['d', 'a']);
    expect(lookup(defis, 'b').map((d) => d.id)).toEqual(['b']);
    expect(lookup(defis, undefined)).toEqual([]);
    expect(slugsOf(['a', 3, '', 'b'])).toEqual(['a', 'b']);
  });

  it('sorts défis newest first, title second, and leaves hidden ones out', () => {
    expect(sortDefis(defis).map((d) => d.id)).toEqual(['b', 'd', 'a']);
  });

  it('finds entries carrying a term', () => {
    expect(withTerm(defis, 'themes', 'sante').map((d) => d.id)).toEqual(['b', 'd']);
    expect(withTerm(defis, 'themes', 'justice')).toEqual([]);
  });

  it('builds a défi’s team from the people’s défis, talents first then by name', () => {
    const people = [
      person('z', 'Zoé Agent', { role: 'agent-public', defis: ['a'] }),
      person('e', 'Élodie Talent', { defis: ['a', 'b'] }),
      person('b', 'Bruno Talent', { defis: ['a'] }),
      person('x', 'Xavier Ailleurs', { defis: ['b'] }),
    ];
    expect(peopleOfDefi(people, 'a').map((p) => p.id)).toEqual(['b', 'e', 'z']);
    expect(peopleOfDefi(people, 'c')).toEqual([]);
  });

  it('lists a person’s visible défis, newest first', () => {
    expect(defisOfPerson(defis, person('p', 'P', { defis: ['a', 'c', 'b', 'inconnu'] })).map((d) => d.id)).toEqual(['b', 'a']);
  });

  it('orders a role by weight (none last), then by name', () => {
    const team = [
      person('c', 'Camille', { role: 'agent-programme' }),
      person('a', 'Alex', { role: 'agent-programme', weight: 2 }),
      person('b', 'Béa', { role: 'agent-programme', weight: 1 }),
      person('t', 'Talent', { role: 'participant', weight: 0 }),
    ];
    expect(peopleWithRole(team, 'agent-programme').map((p) => p.id)).toEqual(['b', 'a', 'c']);
  });

  it('sends each role’s breadcrumb to its list', () => {
    expect(listOfRole('participant').href).toBe('/talents/');
    expect(listOfRole('agent-public').href).toBe('/agents/');
    expect(listOfRole('agent-programme').href).toBe('/equipe/');
    expect(listOfRole('agent-ecosysteme').href).toBe('/equipe/');
  });
});

describe('demo content', () => {
  it('has no content error', () => {
    expect(demo.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('has the volume the pages need: défis, promos, themes, expertises, every role', () => {
    expect(entriesOf('defis').filter((d) => d.data['visible'] !== false).length).toBeGreaterThanOrEqual(12);
    expect(entriesOf('promos').length).toBeGreaterThanOrEqual(3);
    expect(entriesOf('themes').length).toBeGreaterThanOrEqual(4);
    expect(entriesOf('expertises').length).toBeGreaterThanOrEqual(4);
    const people = entriesOf('personnes');
    expect(people.length).toBeGreaterThanOrEqual(24);
    expect(new Set(people.map((p) => p.data['role']))).toEqual(new Set(['participant', 'agent-public', 'agent-programme', 'agent-ecosysteme']));
  });

  it('links most talents to défis and gives some défis more than 3 members', () => {
    const people = collectionEntries(demo, 'personnes');
    const talents = people.filter((p) => p.data.role === 'participant');
    expect(talents.filter((t) => slugs(t.data.defis).length > 0).length / talents.length).toBeGreaterThan(0.5);
    const big = entriesOf('defis').filter((d) => peopleOfDefi(people, d.id).length > 3);
    expect(big.length).toBeGreaterThan(0);
  });
});
