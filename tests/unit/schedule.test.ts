/**
 * Scheduled publication (issue #21), the pure parts: the « Publier le » instant (Paris time,
 * stored with its offset), which drafts are due, what the status and the workflow cards say,
 * and the content set leaving out an entry whose time has not come (and keeping it as the
 * previewed draft).
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folderType } from '../../src/content/model/index.ts';
import { typeSchema } from '../../src/content/model/to-zod.ts';
import { frenchInstant, fromLocalText, instantIssue, instantText, localText, parseInstant, scheduledSentence } from '../../src/content/model/datetime.ts';
import { isDue, scheduleItems, scheduledDrafts, type Draft } from '../../backoffice/schedule/due.ts';
import { scheduleLine } from '../../backoffice/schedule/schedule-text.ts';
import { cardText } from '../../backoffice/admin/card-text.ts';
import { storedText, inputText, dateTimeIssue } from '../../backoffice/admin/datetime-widget.ts';
import { cmsConfig, localBackend } from '../../backoffice/admin/decap-config.ts';
import { statusLine } from '../../backoffice/admin/status-text.ts';
import { loadContent } from '../../src/lib/content/load.ts';

const NOW = new Date('2027-01-10T12:00:00Z');
const AT = '2027-01-15T09:00:00+01:00';

describe('« Publier le »: an instant in Paris time, stored with its offset', () => {
  it('reads ISO 8601 with an offset only, and says why anything else is refused', () => {
    expect(parseInstant(AT)?.toISOString()).toBe('2027-01-15T08:00:00.000Z');
    expect(parseInstant('2027-07-01T09:30:00+02:00')?.toISOString()).toBe('2027-07-01T07:30:00.000Z');
    expect(parseInstant('2027-01-15T09:00')).toBeUndefined();
    expect(parseInstant('2027-02-30T09:00:00+01:00')).toBeUndefined();
    expect(instantIssue('2027-01-15T09:00')).toMatch(/sans fuseau horaire/);
    expect(instantIssue('demain')).toMatch(/date et heure invalides/);
  });
  it('converts the input’s wall time to and from Paris time, summer and winter, whatever the machine’s zone', () => {
    expect(instantText(fromLocalText('2027-01-15T09:00')!)).toBe(AT);
    expect(instantText(fromLocalText('2027-07-01T09:00')!)).toBe('2027-07-01T09:00:00+02:00');
    expect(localText(new Date('2027-07-01T07:00:00Z'))).toBe('2027-07-01T09:00');
    // The hour skipped on the last Sunday of March does not exist in Paris.
    expect(fromLocalText('2027-03-28T02:30')).toBeUndefined();
    expect(fromLocalText('2027-01-15T')).toBeUndefined();
  });
  it('says it in French: « Publication programmée le 15 janvier à 9 h »', () => {
    expect(scheduledSentence(parseInstant(AT)!, NOW)).toBe('Publication programmée le 15 janvier à 9 h');
    expect(frenchInstant(parseInstant('2027-01-15T09:30:00+01:00')!, NOW)).toBe('15 janvier à 9 h 30');
    expect(frenchInstant(parseInstant('2028-01-15T09:00:00+01:00')!, NOW)).toBe('15 janvier 2028 à 9 h');
  });
  it('is a field of the model on défis and articles, checked by their schemas, a datetime widget in the back-office', () => {
    for (const name of ['defis', 'articles'] as const) {
      const field = folderType(name).fields.find((f) => f.name === 'publishAt');
      expect(field).toMatchObject({ kind: 'datetime', label: 'Publier le', required: false });
      const schema = typeSchema(folderType(name)).shape['publishAt']!;
      expect(schema.safeParse(AT)).toMatchObject({ success: true, data: parseInstant(AT) });
      expect(schema.safeParse(undefined)).toMatchObject({ success: true, data: undefined });
      expect(schema.safeParse('2027-01-15T09:00').success).toBe(false);
      const c = cmsConfig({ backend: localBackend(4321) }).collections.find((x) => x.name === name) as { fields: { name: string; widget: string }[] };
      expect(c.fields.find((f) => f.name === 'publishAt')).toMatchObject({ widget: 'eig-datetime', label: 'Publier le', required: false });
    }
  });
  it('the widget stores what the input gives with its offset, and refuses an unfinished time', () => {
    expect(storedText('2027-01-15T09:00')).toBe(AT);
    expect(storedText('')).toBe('');
    expect(inputText(AT)).toBe('2027-01-15T09:00');
    expect(dateTimeIssue(AT)).toBeUndefined();
    expect(dateTimeIssue('2027-03-28T02:30')).toMatch(/incomplètes ou inexistantes/);
  });
});

const entry = (publishAt?: string, title = 'Un défi programmé') => `---\ntitle: ${title}\n${publishAt ? `publishAt: '${publishAt}'\n` : ''}---\nTexte.\n`;
const draft = (slug: string, status: Draft['status'], raw?: string, collection = 'defis'): Draft => ({ collection, slug, branch: `cms/${collection}/${slug}`, commit: `c-${slug}`, status, path: `content/defis/${slug}.md`, raw });

describe('the scheduler’s decisions', () => {
  const drafts = [
    draft('plus-tard', 'pending_publish', entry('2027-02-01T09:00:00+01:00', 'Plus tard')),
    draft('a-l-heure', 'pending_publish', entry(AT, 'À l’heure')),
    draft('en-revision', 'pending_review', entry('2027-01-01T09:00:00+01:00', 'En révision')),
    draft('sans-date', 'pending_publish', entry(undefined)),
    draft('personne', 'pending_publish', entry(AT), 'personnes'),
  ];
  it('lists the drafts with a « Publier le », earliest first, of the collections that have the field', () => {
    expect(scheduledDrafts(drafts).map((s) => s.slug)).toEqual(['en-revision', 'a-l-heure', 'plus-tard']);
  });
  it('publishes a draft « Prêt » at its time, never a minute before, never one that is not « Prêt »', () => {
    const [review, due] = scheduledDrafts(drafts);
    expect(isDue(due!, new Date('2027-01-15T07:59:59.999Z'))).toBe(false);
    expect(isDue(due!, new Date('2027-01-15T08:00:00Z'))).toBe(true);
    expect(isDue(review!, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });
  it('reports the next one, and a refusal (until the draft or the published branch moves)', () => {
    const list = scheduledDrafts(drafts);
    const waiting = { checkedAt: NOW.toISOString(), items: scheduleItems(list, NOW, 'h1', new Map()) };
    expect(waiting.items.map((i) => i.state)).toEqual(['not-ready', 'waiting', 'waiting']);
    expect(scheduleLine(waiting, NOW)?.text).toBe('Publication programmée le 15 janvier à 9 h : « À l’heure »');
    expect(statusLine({ state: 'ready', servedAt: NOW.toISOString(), schedule: waiting }, NOW).text).toMatch(/^En ligne depuis .* · Publication programmée le 15 janvier à 9\u00a0h\u00a0: «\u00a0À l’heure\u00a0»$/);
    const later = new Date('2027-01-15T08:00:30Z');
    const refusals = new Map([['cms/defis/a-l-heure', { key: 'c-a-l-heure@h1', error: 'Publication refusée : champ « Titre » vide.', at: later.toISOString() }]]);
    const refused = { checkedAt: later.toISOString(), items: scheduleItems(list, later, 'h1', refusals) };
    expect(refused.items[1]).toMatchObject({ slug: 'a-l-heure', state: 'refused', error: 'Publication refusée : champ « Titre » vide.' });
    expect(statusLine({ state: 'ready', schedule: refused }, later)).toEqual({ tone: 'error', text: 'Publication programmée de «\u00a0À l’heure\u00a0» refusée\u00a0: champ «\u00a0Titre\u00a0» vide. L’entrée reste dans «\u00a0Prêt\u00a0».' });
    // The published branch moved: the refusal no longer holds, the draft is tried again.
    expect(scheduleItems(list, later, 'h2', refusals)[1]!.state).toBe('waiting');
  });
  it('shows « Publication programmée le 15 janvier à 9 h » on a workflow card', () => {
    expect(cardText('## Objectifs\n\nUn texte.', AT, NOW)).toBe('Publication programmée le 15 janvier à 9 h. Objectifs Un texte.');
    expect(cardText('Un texte.', undefined, NOW)).toBe('Un texte.');
  });
});

describe('an entry whose time has not come is left out of the content set', () => {
  it('is checked but held back until its time; the previewed draft is shown', () => {
    const root = mkdtempSync(join(tmpdir(), 'eig-schedule-'));
    cpSync('content', join(root, 'content'), { recursive: true });
    cpSync('media', join(root, 'media'), { recursive: true });
    const file = join(root, 'content/defis/brigade-numérique.md');
    const text = readFileSync(file, 'utf8').replace(/^title: .*$/m, `$&\npublishAt: '${AT}'`);
    writeFileSync(file, text);
    const before = loadContent(join(root, 'content'), join(root, 'media'), undefined, new Date('2027-01-15T07:59:00Z'));
    expect(before.entries.some((e) => e.file === 'defis/brigade-numérique.md')).toBe(false);
    expect(before.scheduled.map((e) => e.file)).toEqual(['defis/brigade-numérique.md']);
    // People still naming it are no error: the link shows once it is published.
    expect(before.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const after = loadContent(join(root, 'content'), join(root, 'media'), undefined, new Date('2027-01-15T08:00:00Z'));
    expect(after.entries.some((e) => e.file === 'defis/brigade-numérique.md')).toBe(true);
    expect(after.scheduled).toEqual([]);
    const preview = loadContent(join(root, 'content'), join(root, 'media'), new Map([['defis/brigade-numérique.md', text]]), new Date('2027-01-01T00:00:00Z'));
    expect(preview.entries.some((e) => e.file === 'defis/brigade-numérique.md')).toBe(true);
  });
});
