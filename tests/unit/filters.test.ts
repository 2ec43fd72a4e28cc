import { describe, expect, it } from 'vitest';
import { emptyChoices, filterAttrs, matches, noJsCss, type Facet } from '../../src/lib/filters.ts';

const facets: Facet[] = [
  { key: 'promo', legend: 'Promotion', allLabel: 'Toutes', options: [{ value: 'p1', label: 'P1' }, { value: 'p2', label: 'P2' }] },
  { key: 'theme', legend: 'Thématique', allLabel: 'Toutes', options: [{ value: 'sante', label: 'Santé' }, { value: 'culture', label: 'Culture' }] },
];
const items = [{ promo: ['p1'], theme: ['sante'] }, { promo: ['p1', 'p2'], theme: ['culture'] }];

describe('filters', () => {
  it('matches every chosen facet, "" meaning all', () => {
    expect(matches(items[1]!, { promo: 'p2', theme: 'culture' })).toBe(true);
    expect(matches(items[0]!, { promo: 'p2', theme: '' })).toBe(false);
    expect(matches(items[0]!, {})).toBe(true);
  });

  it('writes one data attribute per facet', () => {
    expect(filterAttrs({ promo: ['p1', 'p2'], theme: [] })).toEqual({ 'data-filter-item': '', 'data-f-promo': 'p1 p2', 'data-f-theme': '' });
  });

  it('lists only the minimal empty combinations', () => {
    // p2 + santé is the only empty choice; nothing more general is empty.
    expect(emptyChoices(facets, items)).toEqual([{ promo: 'p2', theme: 'sante' }]);
    // With no item, the unfiltered list itself is empty, and that covers every other choice.
    expect(emptyChoices(facets, [])).toEqual([{}]);
  });

  it('generates CSS that hides non-matching items and shows the message for empty choices', () => {
    const css = noJsCss('defis', facets, items);
    expect(css).toContain('[data-filters="defis"]:not([data-js]):has(input[name="promo"][value="p1"]:checked) [data-filter-item]:not([data-f-promo~="p1"]){display:none}');
    expect(css).toContain(':has(input[name="promo"][value="p2"]:checked):has(input[name="theme"][value="sante"]:checked) [data-filter-empty]{display:block}');
    expect(css.split('\n')).toHaveLength(4 + 1);
  });
});
