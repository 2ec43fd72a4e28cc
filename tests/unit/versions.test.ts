/**
 * The pure parts of « no lost update » (backoffice/versions/): which write is stale, the French
 * 409 naming who and when (Europe/Paris), the sessions' memory and `npm start`'s cookie, and
 * the local author (backoffice/git/local-author.ts).
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { blobId, conflictRefusal, staleFile, staleUpload, takenPath, when } from '../../backoffice/versions/stale.ts';
import { cookieValue, localSession, openedStore, sessionCookieName } from '../../backoffice/versions/sessions.ts';
import { localEditor, LOCAL_EDITOR_NAME } from '../../backoffice/git/local-author.ts';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const P = 'content/blog/x.md';
const camille = { name: 'Camille Martin', email: 'camille@exemple.gouv.fr', at: '2026-12-02T13:32:00Z' };
const noon = new Date('2026-12-02T16:00:00Z');

describe('stale writes', () => {
  it('an entry is stale when its stored version is not the one its session opened; never opened: not checked', () => {
    const opened = new Map<string, string | null>([[P, A]]);
    expect(staleFile([P], (p) => opened.get(p), new Map([[P, A]]))).toBeUndefined();
    expect(staleFile([P], (p) => opened.get(p), new Map([[P, B]]))).toEqual({ path: P, kind: 'changed', present: true });
    expect(staleFile([P], (p) => opened.get(p), new Map([[P, null]]))).toEqual({ path: P, kind: 'changed', present: false });
    expect(staleFile([P], () => undefined, new Map([[P, B]]))).toBeUndefined();
    // Opened absent (a new entry's path), created since by someone else.
    expect(staleFile([P], () => null, new Map([[P, B]]))).toEqual({ path: P, kind: 'changed', present: true });
  });

  it('a new entry never goes over an existing file but its own', () => {
    expect(takenPath([P], () => undefined, new Map([[P, null]]))).toBeUndefined();
    expect(takenPath([P], () => undefined, new Map([[P, A]]))).toEqual({ path: P, kind: 'exists', present: true });
    expect(takenPath([P], () => B, new Map([[P, A]]))).toEqual({ path: P, kind: 'exists', present: true });
    // Its own first save (recorded after the write), saved again as new.
    expect(takenPath([P], () => A, new Map([[P, A]]))).toBeUndefined();
  });

  it('an upload over an existing file needs that version opened, or the same bytes', () => {
    const bytes = Buffer.from('image');
    const same = blobId(bytes);
    const upload = [{ path: 'media/x.png', blob: B }];
    expect(staleUpload(upload, () => undefined, new Map([['media/x.png', null]]))).toBeUndefined();
    expect(staleUpload(upload, () => undefined, new Map([['media/x.png', A]]))).toEqual({ path: 'media/x.png', kind: 'exists', present: true });
    expect(staleUpload(upload, () => null, new Map([['media/x.png', A]]))).toEqual({ path: 'media/x.png', kind: 'exists', present: true });
    expect(staleUpload(upload, () => 'c'.repeat(40), new Map([['media/x.png', A]]))).toEqual({ path: 'media/x.png', kind: 'changed', present: true });
    expect(staleUpload(upload, () => A, new Map([['media/x.png', A]]))).toBeUndefined();
    expect(staleUpload([{ path: 'media/x.png', blob: same }], () => undefined, new Map([['media/x.png', same]]))).toBeUndefined();
  });

  it('blobId is git’s own blob id', () => {
    const bytes = Buffer.from('---\ntitle: Essai\n---\nCorps accentué.\n');
    expect(blobId(bytes)).toBe(execFileSync('git', ['hash-object', '--stdin'], { input: bytes, encoding: 'utf8' }).trim());
  });
});

describe('the French refusal', () => {
  it('says who changed the entry and when, Paris time, and what is kept', () => {
    const r = conflictRefusal('persistEntry', { path: P, kind: 'changed', present: true, change: camille }, noon);
    expect(r).toEqual({ status: 409, error: 'Modifié par Camille Martin à 14 h 32 depuis que vous l’avez ouvert : rechargez pour voir ses changements ; votre texte reste dans le formulaire.' });
  });

  it('names the action refused: publication, status, deletion, a deleted entry', () => {
    const c = { path: P, kind: 'changed' as const, present: true, change: camille };
    expect(conflictRefusal('publishUnpublishedEntry', c, noon).error).toBe('Modifié par Camille Martin à 14 h 32 depuis que vous l’avez ouvert : rechargez pour voir ses changements avant de publier ; rien n’a été publié.');
    expect(conflictRefusal('updateUnpublishedEntryStatus', c, noon).error).toContain('avant de changer son statut ; le statut n’a pas changé.');
    expect(conflictRefusal('deleteUnpublishedEntry', c, noon).error).toContain('avant de supprimer ce brouillon ; rien n’a été supprimé.');
    expect(conflictRefusal('deleteFiles', c, noon).error).toContain('avant de supprimer ; rien n’a été supprimé.');
    expect(conflictRefusal('persistEntry', { ...c, present: false }, noon).error).toBe('Supprimé par Camille Martin à 14 h 32 depuis que vous l’avez ouvert : rechargez pour voir ce qu’il en reste ; votre texte reste dans le formulaire.');
  });

  it('a media file and a new entry: which file exists, by whom, when', () => {
    expect(conflictRefusal('persistMedia', { path: 'media/photo.png', kind: 'exists', present: true, change: camille }, noon).error)
      .toBe('Le fichier « photo.png » existe déjà : envoyé par Camille Martin à 14 h 32. Donnez un autre nom au vôtre, ou ouvrez la médiathèque pour voir celui-ci ; votre fichier n’a pas été envoyé.');
    expect(conflictRefusal('persistMedia', { path: 'media/photo.png', kind: 'changed', present: true, change: camille }, noon).error)
      .toBe('Le fichier « photo.png » a été remplacé par Camille Martin à 14 h 32 depuis que vous l’avez ouvert : rechargez pour voir le sien ; votre fichier n’a pas été envoyé.');
    expect(conflictRefusal('persistEntry', { path: P, kind: 'exists', present: true, change: camille }, noon).error)
      .toBe('Une entrée existe déjà à cette adresse (« x.md ») : créée par Camille Martin à 14 h 32. Changez le titre pour créer la vôtre ; votre texte reste dans le formulaire.');
  });

  it('another day, summer time, no name, no commit', () => {
    expect(when({ ...camille, at: '2026-07-14T07:05:00Z' }, noon)).toBe('le 14 juillet à 9 h 05');
    expect(conflictRefusal('persistEntry', { path: P, kind: 'changed', present: true, change: { name: ' ', email: 'x@y.fr', at: camille.at } }, noon).error).toMatch(/^Modifié par x@y\.fr à 14 h 32 /);
    expect(conflictRefusal('persistEntry', { path: P, kind: 'changed', present: true }, noon).error).toMatch(/^Modifié par une autre personne entre-temps depuis/);
  });
});

describe('sessions', () => {
  it('keeps what each session opened, and forgets the least recent sessions first', () => {
    const store = openedStore(2, 2);
    store.set('s1', P, A);
    store.set('s2', P, B);
    expect([store.get('s1', P), store.get('s2', P), store.get('s3', P)]).toEqual([A, B, undefined]);
    store.set('s1', 'media/y.png', null);
    store.set('s3', P, A); // s2 is now the least recent
    expect([store.has('s1'), store.has('s2'), store.has('s3')]).toEqual([true, false, true]);
    store.set('s1', 'media/z.png', A); // two files at most: the oldest goes
    expect([store.get('s1', P), store.get('s1', 'media/y.png'), store.get('s1', 'media/z.png')]).toEqual([undefined, null, A]);
  });

  it('npm start’s cookie: HttpOnly, SameSite=Strict, one per port, only ids this server gave out', () => {
    const store = openedStore();
    const session = localSession(store, () => 4321);
    const answer = () => {
      const headers = new Map<string, string>();
      return { headers, res: { headersSent: false, setHeader: (k: string, v: string) => headers.set(k, v) } as unknown as ServerResponse };
    };
    const req = (cookie?: string) => ({ headers: cookie ? { cookie } : {} }) as IncomingMessage;
    const first = answer();
    const id = session(req(), first.res);
    expect(first.headers.get('Set-Cookie')).toBe(`eig_edition_4321=${id}; Path=/; HttpOnly; SameSite=Strict`);
    const again = answer();
    expect(session(req(`autre=1; ${sessionCookieName(4321)}=${id}`), again.res)).toBe(id);
    expect(again.headers.size).toBe(0);
    // An id set by someone else (another page of 127.0.0.1 may write cookies) is replaced.
    const forged = answer();
    const other = session(req(`eig_edition_4321=${'x'.repeat(43)}`), forged.res);
    expect(other).not.toBe('x'.repeat(43));
    expect(forged.headers.get('Set-Cookie')).toContain(`eig_edition_4321=${other};`);
    expect(cookieValue('a=1; b = 2', 'b')).toBe('2');
  });
});

describe('the local author', () => {
  it('is the machine’s git identity, or « Éditeur local »', () => {
    expect(localEditor('Camille Martin\n', 'camille@exemple.gouv.fr\n')).toEqual({ name: 'Camille Martin', email: 'camille@exemple.gouv.fr' });
    expect(localEditor('', '')).toEqual({ name: LOCAL_EDITOR_NAME, email: 'editeur.local@eig.invalid' });
    expect(LOCAL_EDITOR_NAME).toBe('Éditeur local');
  });
});
