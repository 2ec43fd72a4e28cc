/**
 * The pure parts of #22's first screen, publication status and reordering controls
 * (backoffice/admin/home.ts, publishing.ts, reorder.ts); the screens themselves are tested in the
 * real Decap UI (tests/e2e/backoffice-home.test.ts, backoffice-keyboard.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { waitingEntries } from '../../backoffice/admin/home.ts';
import { PENDING_MAX_MS, stillPending } from '../../backoffice/admin/publishing.ts';
import { cardMoveLabel, moveLabel, STATUSES } from '../../backoffice/admin/reorder.ts';

describe('« Par où commencer »: the drafts waiting', () => {
  it('lists drafts in review, then ready ones, by title, named by the model\'s title field, never by slug', () => {
    const entries = waitingEntries([
      { collection: 'defis', slug: 'b', status: 'pending_publish', data: { title: 'Bravo' } },
      { collection: 'articles', slug: 'z', status: 'pending_review', data: { title: 'Zoé' } },
      { collection: 'defis', slug: 'a', status: 'draft', data: { title: 'Alpha' } },
      { collection: 'defis', slug: 'e', status: 'pending_review', data: { title: 'Éclair' } },
      { collection: 'pages', slug: 'program', status: 'pending_review', data: {} },
    ]);
    expect(entries.map((e) => [e.title, e.status, e.href])).toEqual([
      ['Éclair', 'pending_review', '#/collections/defis/entries/e'],
      ['Sans titre', 'pending_review', '#/collections/pages/entries/program'],
      ['Zoé', 'pending_review', '#/collections/articles/entries/z'],
      ['Bravo', 'pending_publish', '#/collections/defis/entries/b'],
    ]);
    expect(entries[0]!.kind).toBe('Défi');
  });
});

describe('« Mise en ligne en cours… » until the server has moved on', () => {
  const at = Date.parse('2026-12-02T10:00:00Z');
  const pending = { at, servedAt: '2026-12-02T09:00:00Z' };
  it('keeps it while the server still serves the same build, idle', () => {
    expect(stillPending(pending, { state: 'ready', servedAt: pending.servedAt }, at + 5000)).toBe(true);
    expect(stillPending(pending, undefined, at)).toBe(true);
  });
  it('gives way to the real state: building, a new build, a failure, a refusal since the click, or after a while', () => {
    expect(stillPending(pending, { state: 'building', servedAt: pending.servedAt }, at + 1000)).toBe(false);
    expect(stillPending(pending, { state: 'ready', servedAt: '2026-12-02T10:00:05Z' }, at + 6000)).toBe(false);
    expect(stillPending(pending, { state: 'failed', servedAt: pending.servedAt }, at + 6000)).toBe(false);
    expect(stillPending(pending, { state: 'ready', servedAt: pending.servedAt, refusal: { action: 'publishUnpublishedEntry', error: 'Publication refusée', at: '2026-12-02T10:00:01Z' } }, at + 2000)).toBe(false);
    expect(stillPending(pending, { state: 'ready', servedAt: pending.servedAt, refusal: { action: 'publishUnpublishedEntry', error: 'ancienne', at: '2026-12-02T09:30:00Z' } }, at + 2000)).toBe(true);
    expect(stillPending(pending, { state: 'ready', servedAt: pending.servedAt }, at + PENDING_MAX_MS + 1)).toBe(false);
    expect(stillPending(undefined, { state: 'ready' }, at)).toBe(false);
  });
});

describe('reordering controls: French names', () => {
  it('names the item moved and the column aimed at, from the locale', () => {
    expect(moveLabel(-1, 'Défis : 87')).toBe('Monter « Défis : 87 »');
    expect(moveLabel(1, undefined)).toBe('Descendre cet élément');
    expect(STATUSES.map(([, label]) => label)).toEqual(['Brouillons', 'En cours de révision', 'Prêt']);
    expect(cardMoveLabel('Cantine locale', 'Prêt')).toBe('Déplacer « Cantine locale » vers « Prêt »');
  });
});
