/**
 * Who a scheduled publication names, and the journal's words for each publication (issues #20
 * item 4, #21 item 4): the pure parts of schedule/scheduled-by.ts and team/publications.ts, and
 * the one git mechanism the scheduled merge relies on (mergeEnv: a merge commit whose message
 * git reads from a file), tried on a real repository of a few commits.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { formatIdent, mergeEnv, parseIdent, scheduledMessage, SCHEDULED_TRAILER } from '../../backoffice/schedule/scheduled-by.ts';
import { journalLine } from '../../backoffice/team/publications.ts';

const camille = { name: 'Camille Martin', email: 'camille.martin@exemple.gouv.fr' };
const entry = { collection: 'defis', slug: 'eau-claire', title: 'Eau claire', publishAt: new Date('2027-01-15T08:00:00Z') };
const now = new Date('2027-01-15T08:00:20Z');

describe('who scheduled a publication', () => {
  it('writes and reads back « Name <email> », refusing what is not one', () => {
    expect(formatIdent(camille)).toBe('Camille Martin <camille.martin@exemple.gouv.fr>');
    expect(parseIdent(formatIdent(camille))).toEqual(camille);
    expect(formatIdent({ name: 'A <b>\nC', email: 'x@y.fr' })).toBe('A bC <x@y.fr>');
    expect(parseIdent('')).toBeUndefined();
    expect(parseIdent('Camille Martin')).toBeUndefined();
    expect(parseIdent(undefined)).toBeUndefined();
  });

  it('says « Publication programmée » in the merge message, with a trailer naming who scheduled it', () => {
    const text = scheduledMessage(entry, { who: camille, from: 'ready' }, now);
    expect(text.split('\n')[0]).toBe('Publication programmée : « Eau claire » (defis/eau-claire)');
    expect(text).toContain('Prévue le 15 janvier à 9 h (heure de Paris)');
    expect(text).toContain('au nom de la personne qui a marqué le brouillon « Prêt »');
    expect(text).toContain(`\n${SCHEDULED_TRAILER}: Camille Martin <camille.martin@exemple.gouv.fr>\n`);
    expect(scheduledMessage(entry, { who: camille, from: 'draft' }, now)).toContain('au nom du dernier auteur du brouillon');
    expect(scheduledMessage(entry, undefined, now)).not.toContain(SCHEDULED_TRAILER);
  });

  it('extends GIT_CONFIG_COUNT instead of replacing it, and quotes the message file for the shell', () => {
    expect(mergeEnv("/tmp/l'équipe/MESSAGE", {})).toEqual({
      GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'merge.ff', GIT_CONFIG_VALUE_0: 'false',
      GIT_MERGE_AUTOEDIT: 'yes', GIT_EDITOR: `cp -- '/tmp/l'\\''équipe/MESSAGE'`,
    });
    expect(mergeEnv('/m', { GIT_CONFIG_COUNT: '2' })).toMatchObject({ GIT_CONFIG_COUNT: '3', GIT_CONFIG_KEY_2: 'merge.ff' });
  });

  it('makes git merge a merge commit authored by who scheduled it, with that message, even where it could fast-forward', () => {
    const dir = mkdtempSync(join(tmpdir(), "eig-merge l'env-"));
    try {
      const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir, LC_ALL: 'C' };
      const git = (args: string[], extra: Record<string, string> = {}) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...env, ...extra } }).trim();
      git(['init', '--quiet', '--initial-branch', 'main']);
      git(['config', 'user.name', 'Back-office EIG']);
      git(['config', 'user.email', 'back-office@eig.invalid']);
      writeFileSync(join(dir, 'a.md'), 'un\n');
      git(['add', '.']); git(['commit', '--quiet', '-m', 'départ']);
      git(['checkout', '--quiet', '-b', 'cms/defis/eau-claire']);
      writeFileSync(join(dir, 'a.md'), 'deux\n');
      git(['commit', '--quiet', '-am', 'brouillon']);
      git(['checkout', '--quiet', 'main']);
      const file = join(dir, 'MESSAGE');
      writeFileSync(file, scheduledMessage(entry, { who: camille, from: 'ready' }, now));
      git(['merge', 'cms/defis/eau-claire', 'main'], { ...mergeEnv(file, env), GIT_AUTHOR_NAME: camille.name, GIT_AUTHOR_EMAIL: camille.email });
      expect(git(['log', '-1', '--format=%an <%ae>|%cn|%s|%P'])).toMatch(/^Camille Martin <camille\.martin@exemple\.gouv\.fr>\|Back-office EIG\|Publication programmée : « Eau claire » \(defis\/eau-claire\)\|\w{40} \w{40}$/);
      expect(git(['log', '-1', `--format=%(trailers:key=${SCHEDULED_TRAILER},valueonly)`])).toBe('Camille Martin <camille.martin@exemple.gouv.fr>');
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});

describe('the journal’s words for publications', () => {
  const dominique = { name: 'Dominique Publication', email: 'dominique@exemple.gouv.fr' };
  it('names who published, how, and what', () => {
    expect(journalLine({ kind: 'editor', at: '', commit: 'a'.repeat(40), entry: { collection: 'pages', slug: 'program' }, author: dominique }))
      .toEqual({ kind: 'publication', email: dominique.email, name: dominique.name, detail: 'publication pages/program' });
    const scheduled = journalLine({ kind: 'scheduled', at: '', commit: 'b'.repeat(40), entry: { collection: 'defis', slug: 'eau-claire', title: 'Eau claire' }, publishAt: entry.publishAt.toISOString(), author: camille, from: 'ready' }, now);
    expect(scheduled).toEqual({ kind: 'publication', email: camille.email, name: camille.name, detail: 'publication programmée defis/eau-claire « Eau claire », prévue le 15 janvier à 9 h, au nom de la personne qui l’a marquée « Prêt » (commit bbbbbbbb)' });
    expect(journalLine({ kind: 'scheduled-refused', at: '', entry: { collection: 'defis', slug: 'eau-claire', title: 'Eau claire' }, publishAt: entry.publishAt.toISOString(), author: camille, error: 'Publication refusée : date hors période' }, now))
      .toMatchObject({ kind: 'refus', name: camille.name, detail: expect.stringMatching(/^publication programmée refusée defis\/eau-claire « Eau claire » \(prévue le 15 janvier à 9 h\), le brouillon reste « Prêt » : Publication refusée/) });
    const dev = { name: 'Développeuse Externe', email: 'dev@exemple.fr' };
    expect(journalLine({ kind: 'remote', at: '', commit: 'c'.repeat(40), merge: undefined, count: 2, authors: [dev, camille] }))
      .toEqual({ kind: 'publication', email: dev.email, name: dev.name, detail: 'commit du dépôt distant publié : 2 commits jusqu’à cccccccc, avec Camille Martin' });
    expect(journalLine({ kind: 'remote-refused', at: '', commit: 'd'.repeat(40), author: dev, error: 'date hors période' }))
      .toEqual({ kind: 'refus', email: dev.email, name: dev.name, detail: 'commit du dépôt distant refusé par les vérifications (dddddddd), non publié : date hors période' });
  });
});
