/**
 * Loading the content set: each file is read and parsed once per change (load.ts keeps the
 * parse of unchanged files), and relations are resolved once per version (relations.ts
 * `relationIndex`), with the same results as a cold load and as the per-query functions.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync, statSync, utimesSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectionEntries, loadContent, loadStats, type ContentSet } from '../../src/lib/content/load.ts';
import { defisOfPerson, peopleOfDefi, relationIndex, sortDefis, withTerm, DEFI_TERM_FIELDS } from '../../src/lib/content/relations.ts';
import { resolveMedia } from '../../src/lib/content/media.ts';
import { demo } from '../helpers/demo-content.ts';

/** What a load gives, without the functions and the shared type objects. */
const view = (set: ContentSet) => ({
  issues: set.issues,
  entries: set.entries.map((e) => ({ id: e.id, collection: e.collection, file: e.file, url: e.url, title: e.title, data: e.data, body: e.body, bodyLine: e.bodyLine })),
});

function copyOfDemo() {
  const root = mkdtempSync(join(tmpdir(), 'eig-load-'));
  cpSync('content', join(root, 'content'), { recursive: true });
  cpSync('media', join(root, 'media'), { recursive: true });
  return { root, contentDir: join(root, 'content'), mediaDir: join(root, 'media') };
}

describe('loading the content once per change', () => {
  it('parses only the changed file on reload, with the result of a cold load', () => {
    const a = copyOfDemo();
    const first = loadContent(a.contentDir, a.mediaDir);
    expect(loadStats.parsed).toBe(first.entries.length);
    loadContent(a.contentDir, a.mediaDir);
    expect(loadStats.parsed).toBe(0);

    const file = join(a.contentDir, first.entries.find((e) => e.collection === 'defis')!.file);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Un titre changé'));
    const again = loadContent(a.contentDir, a.mediaDir);
    expect(loadStats.parsed).toBe(1);
    expect(again.entries.some((e) => e.title === 'Un titre changé')).toBe(true);

    // A cold load of the same tree (another folder: nothing cached for it) gives the same set.
    const b = mkdtempSync(join(tmpdir(), 'eig-load-'));
    cpSync(a.root, b, { recursive: true });
    const cold = loadContent(join(b, 'content'), join(b, 'media'));
    expect(loadStats.parsed).toBe(cold.entries.length);
    expect(JSON.stringify(view(cold)).replaceAll(b, a.root)).toBe(JSON.stringify(view(again)));
    rmSync(a.root, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  });

  it('sees an edit that keeps the size and the modification time', () => {
    const a = copyOfDemo();
    const rel = collectionEntries(demo, 'defis')[0]!.file;
    const file = join(a.contentDir, rel);
    const text = readFileSync(file, 'utf8');
    const title = /^title: (.*)$/m.exec(text)![1]!;
    loadContent(a.contentDir, a.mediaDir);
    const { atime, mtime } = statSync(file);
    const swapped = title.split('').reverse().join('');
    writeFileSync(file, text.replace(`title: ${title}`, `title: ${swapped}`));
    utimesSync(file, atime, mtime);
    const set = loadContent(a.contentDir, a.mediaDir);
    expect(set.entries.find((e) => e.file === rel)!.title).toBe(swapped);
    rmSync(a.root, { recursive: true, force: true });
  });

  it('checks media on every load (an image removed without any content change is reported)', () => {
    const a = copyOfDemo();
    const before = loadContent(a.contentDir, a.mediaDir);
    expect(before.issues.filter((i) => i.message.startsWith('image introuvable'))).toEqual([]);
    const defi = collectionEntries(before, 'defis').find((d) => resolveMedia(d.data.image, a.mediaDir).kind === 'local')!;
    const ref = resolveMedia(defi.data.image, a.mediaDir);
    if (ref.kind !== 'local') throw new Error('a défi with a local image is expected');
    rmSync(join(a.mediaDir, ref.path));
    const after = loadContent(a.contentDir, a.mediaDir);
    expect(loadStats.parsed).toBe(0);
    expect(after.issues.some((i) => i.message.startsWith(`image introuvable dans le dossier des médias : ${ref.path}`))).toBe(true);
    rmSync(a.root, { recursive: true, force: true });
  });

  it('gives line numbers of relation errors from the one parse of the file', () => {
    const a = copyOfDemo();
    const person = collectionEntries(demo, 'personnes').find((p) => p.data.defis.length > 0)!;
    const file = join(a.contentDir, person.file);
    const text = readFileSync(file, 'utf8');
    const slug = person.data.defis[0]!;
    writeFileSync(file, text.replace(new RegExp(`\\b${slug}\\b`), 'defi-inconnu'));
    const set = loadContent(a.contentDir, a.mediaDir);
    const issue = set.issues.find((i) => i.file === person.file && i.message.includes('defi-inconnu'))!;
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('defi-inconnu')) + 1;
    expect(issue.line).toBe(line);
    rmSync(a.root, { recursive: true, force: true });
  });
});

describe('relations resolved once (relationIndex)', () => {
  const defis = collectionEntries(demo, 'defis');
  const people = collectionEntries(demo, 'personnes');
  const index = relationIndex(defis, people);

  it('gives each défi the team peopleOfDefi gives', () => {
    let teams = 0;
    for (const d of defis) {
      expect((index.teamOf.get(d.id) ?? []).map((p) => p.id), d.id).toEqual(peopleOfDefi(people, d.id).map((p) => p.id));
      if (index.teamOf.has(d.id)) teams++;
    }
    expect(teams).toBeGreaterThan(5);
  });

  it('gives each person the défis defisOfPerson gives', () => {
    for (const p of people) expect((index.defisOf.get(p.id) ?? []).map((d) => d.id), p.id).toEqual(defisOfPerson(defis, p).map((d) => d.id));
  });

  it('gives each term the visible défis carrying it, newest first', () => {
    const sorted = sortDefis(defis);
    for (const field of DEFI_TERM_FIELDS) {
      const slugs = new Set(defis.flatMap((d) => d.data[field]));
      expect(slugs.size).toBeGreaterThan(1);
      for (const slug of slugs) expect((index.defisWith[field].get(slug) ?? []).map((d) => d.id)).toEqual(withTerm(sorted, field, slug).map((d) => d.id));
    }
  });
});
