import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { folderType } from '../../src/content/model/index.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { formatIssue } from '../../src/lib/content/issues.ts';
import { markdownToHtml } from '../../src/lib/markdown/render.ts';
import { markdownFile, sampleData, tempTree } from '../helpers/content-tree.ts';

/**
 * Bad input: every case writes the file it needs into a temporary content tree and expects
 * a clear issue (file, line, field) rather than a crash or a silent drop.
 */
const defis = folderType('defis');
const validDefi = () => ({ ...sampleData(defis.fields), themes: ['sante'], promos: ['promotion-1'], expertises: ['design'] });
function treeWithTerms() {
  const tree = tempTree();
  tree.write('themes/sante.md', markdownFile({ title: 'Santé' }, ''));
  tree.write('promos/promotion-1.md', markdownFile({ title: 'Promotion 1' }, ''));
  tree.write('expertises/design.md', markdownFile({ title: 'Design' }, ''));
  return tree;
}
const load = (tree: ReturnType<typeof tempTree>) => loadContent(tree.contentDir, tree.mediaDir);
const errors = (tree: ReturnType<typeof tempTree>) => load(tree).issues.filter((i) => i.severity === 'error');
const warnings = (tree: ReturnType<typeof tempTree>) => load(tree).issues.filter((i) => i.severity === 'warning');

describe('bad input', () => {
  it('malformed YAML: the line and what is wrong', () => {
    const tree = treeWithTerms();
    tree.write('defis/casse.md', '---\ntitle: Un défi\ndescription: "guillemet jamais fermé\nwho: Ministère\n---\nTexte\n');
    const errs = errors(tree);
    expect(errs).toHaveLength(1);
    expect(errs[0]!.file).toBe('defis/casse.md');
    expect(errs[0]!.line).toBeGreaterThanOrEqual(3);
    expect(errs[0]!.message).toMatch(/YAML invalide : .+/);
  });

  it('unclosed front matter', () => {
    const tree = treeWithTerms();
    tree.write('defis/ouvert.md', '---\ntitle: Un défi\n\nTexte sans fin d’en-tête\n');
    expect(errors(tree)[0]).toMatchObject({ file: 'defis/ouvert.md', line: 1 });
    expect(errors(tree)[0]!.message).toMatch(/non fermé/);
  });

  it('wrong types are named with their field and line', () => {
    const tree = treeWithTerms();
    tree.write('defis/types.md', markdownFile({ ...validDefi(), date: 'hier', visible: 'oui', title: ['a', 'b'] }));
    const errs = errors(tree);
    expect(errs.map((e) => e.field).sort()).toEqual(['date', 'title', 'visible']);
    for (const e of errs) expect(e.line).toBeGreaterThan(1);
    tree.write('personnes/p.md', markdownFile({ ...sampleData(folderType('personnes').fields), weight: 'lourd' }));
    expect(errors(tree).find((e) => e.file === 'personnes/p.md')).toMatchObject({ field: 'weight', message: expect.stringMatching(/nombre/) });
  });

  it('unknown relation slugs', () => {
    const tree = treeWithTerms();
    tree.write('defis/lien.md', markdownFile({ ...validDefi(), themes: ['sante', 'astronomie'] }));
    const errs = errors(tree);
    expect(errs).toHaveLength(1);
    expect(formatIssue(errs[0]!)).toMatch(/^defis\/lien\.md:\d+: themes\[1\]: erreur : « astronomie » ne correspond à aucun fichier de themes\//);
  });

  it('two files with the same slug', () => {
    const tree = treeWithTerms();
    tree.write('defis/karfu’r.md', markdownFile(validDefi()));
    tree.write('defis/karfur.md', markdownFile(validDefi()));
    const errs = errors(tree);
    expect(errs).toHaveLength(1);
    expect(errs[0]!.message).toMatch(/même adresse que defis\/(karfu’r|karfur)\.md \(\/defis\/karfur\/\)/);
  });

  it('empty required fields', () => {
    const tree = treeWithTerms();
    tree.write('defis/vide.md', markdownFile({ ...validDefi(), title: '', who: '   ', town: null }));
    const errs = errors(tree);
    expect(errs.map((e) => e.field).sort()).toEqual(['title', 'town', 'who']);
    expect(errs.every((e) => /obligatoire/.test(e.message) && (e.line ?? 0) > 1)).toBe(true);
  });

  it('a 5 MB body is refused with its size, without crashing', () => {
    const tree = treeWithTerms();
    tree.write('defis/enorme.md', markdownFile(validDefi(), 'x'.repeat(5 * 1024 * 1024)));
    const errs = errors(tree);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ file: 'defis/enorme.md', message: expect.stringMatching(/trop volumineux \(5\.0 Mo/) });
  });

  it('script, onerror= and javascript: in a field or the body: warnings, and sanitised on the page', () => {
    const tree = treeWithTerms();
    const body = 'Bonjour <script>alert(1)</script> <img src="x.png" onerror="alert(2)"> [lien](javascript:alert(3))';
    tree.write('defis/xss.md', markdownFile({ ...validDefi(), description: 'Un <img src=x onerror=alert(1)>', who: '<script>alert(1)</script>' }, body));
    expect(errors(tree)).toEqual([]);
    const unsafe = warnings(tree).filter((w) => /HTML dangereux/.test(w.message));
    expect(unsafe.map((w) => w.field).sort()).toEqual(['body', 'description', 'who']);
    const html = markdownToHtml(body);
    expect(html).not.toMatch(/<script|onerror\s*=|href\s*=\s*["']?javascript:/i);
    expect(html).toContain('Bonjour');
  });

  it('bytes that are not UTF-8', () => {
    const tree = treeWithTerms();
    tree.write('defis/latin1.md', Buffer.concat([Buffer.from('---\ntitle: D'), Buffer.from([0xe9]), Buffer.from('fi\n---\n')]));
    expect(errors(tree)).toEqual([expect.objectContaining({ file: 'defis/latin1.md', message: expect.stringMatching(/UTF-8/) })]);
  });

  it('a file that is not Markdown in a collection folder', () => {
    const tree = treeWithTerms();
    tree.write('personnes/notes.ipynb', '{"cells": []}');
    expect(errors(tree)).toEqual([expect.objectContaining({ file: 'personnes/notes.ipynb', message: expect.stringMatching(/pas un fichier Markdown/) })]);
  });

  it('a YAML alias bomb is an error, not a crash', () => {
    const tree = treeWithTerms();
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    tree.write('defis/bombe.md', `---\n${bomb.join('\n')}\n---\n`);
    expect(errors(tree)[0]).toMatchObject({ file: 'defis/bombe.md', message: expect.stringMatching(/YAML/) });
  });
});

describe('npm run check', () => {
  const check = (tree: ReturnType<typeof tempTree>) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check.ts'], { encoding: 'utf8', env: { ...process.env, CONTENT_DIR: tree.contentDir, MEDIA_DIR: tree.mediaDir } });

  it('exits 1 and prints every error as path:line: field: message, then a count', () => {
    const tree = treeWithTerms();
    tree.write('defis/a.md', markdownFile({ ...validDefi(), title: '', promos: ['promotion-9'] }));
    tree.write('defis/b.md', '---\ntitle: [\n---\n');
    const r = check(tree);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/at .+\.ts:\d+/); // no stack trace
    const lines = r.stdout.trim().split('\n');
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/defis\/a\.md:\d+: title: erreur : champ obligatoire/),
      expect.stringMatching(/defis\/a\.md:\d+: promos\[0\]: erreur : « promotion-9 »/),
      expect.stringMatching(/defis\/b\.md:\d+: -: erreur : YAML invalide/),
    ]));
    expect(lines.at(-1)).toMatch(/3 erreur\(s\), \d+ avertissement\(s\)$/);
  });

  it('exits 0 on warnings only', () => {
    const tree = treeWithTerms();
    tree.write('defis/a.md', markdownFile({ ...validDefi(), couleur: 'bleu' }));
    const r = check(tree);
    expect(r.stdout).toMatch(/defis\/a\.md:\d+: couleur: avertissement : clé inconnue/);
    expect(r.stdout).toMatch(/0 erreur\(s\), [1-9]\d* avertissement\(s\)/);
    expect(r.status).toBe(0);
  });
});
