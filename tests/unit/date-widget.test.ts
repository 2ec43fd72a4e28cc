import { describe, expect, it } from 'vitest';
import { dateIssue, dateText, fieldRange } from '../../backoffice/admin/date-widget.ts';

const now = new Date('2026-12-02T12:00:00Z');
const range = { min: '2016-01-01', max: '+2y' };
const map = (o: Record<string, unknown>) => ({ get: (k: string, fallback?: unknown) => (k in o ? o[k] : fallback) });

describe('the back-office date widget (backoffice/admin/date-widget.ts)', () => {
  it('keeps the input’s YYYY-MM-DD as it is, and reads a YAML Date as its day', () => {
    expect(dateText('2027-10-10')).toBe('2027-10-10');
    expect(dateText(new Date('2027-10-10T00:00:00Z'))).toBe('2027-10-10');
    expect(dateText(undefined)).toBe('');
  });

  it('refuses a year outside the model’s period, in French, and accepts its bounds', () => {
    expect(dateIssue('1907-10-10', range, now)).toMatch(/^date hors de la période admise \(du 1 janvier 2016 au 2 décembre 2028\) : vérifiez l’année$/);
    expect(dateIssue('0002-10-10', range, now)).toMatch(/hors de la période/);
    expect(dateIssue('2016-01-01', range, now)).toBeUndefined();
    expect(dateIssue('2028-12-02', range, now)).toBeUndefined();
    expect(dateIssue('2026-12-03', { min: '2016-01-01', max: '+0y' }, now)).toMatch(/^date dans le futur/);
    expect(dateIssue('2027-02-30', range, now)).toMatch(/invalide/);
    expect(dateIssue('', range, now)).toBeUndefined();
  });

  it('reads the period from the field’s config, else the model’s default', () => {
    expect(fieldRange(map({ date_min: '2020-01-01', date_max: '+0y' }))).toEqual({ min: '2020-01-01', max: '+0y' });
    expect(fieldRange(map({}))).toEqual(range);
  });
});
