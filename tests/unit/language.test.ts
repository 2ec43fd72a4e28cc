import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { detectEnglish } from '../../src/lib/import/language.ts';
import { runImport } from '../../src/lib/import/run.ts';
import { articles } from '../../src/content/model/articles.ts';
import { fieldSchema } from '../../src/content/model/to-zod.ts';

// Fictional texts, written for this test.
const english = 'We wrote this note for the teams who ask us what the programme is, why it exists and how it works. It is about the people, the work they do with the administrations and what we have learned from it over the years, in the words of the team that runs it. The rest is in the memo, for those who want to read more about the way we work and the results of the teams.';
const french = 'Nous avons écrit cette note pour les équipes qui nous demandent ce qu’est le programme, pourquoi il existe et comment il fonctionne. Elle parle des personnes, du travail qu’elles font avec les administrations et de ce que nous en avons appris.';

describe('language of an imported text', () => {
  it('tells a text in English from one in French, and leaves a French text with a few English words French', () => {
    expect(detectEnglish(english)?.lang).toBe('en');
    expect(detectEnglish(french)).toBeUndefined();
    expect(detectEnglish(`${french} Le « design of the week » et le « state of the art » du moment.`)).toBeUndefined();
    // Link targets and addresses are not words of the text.
    expect(detectEnglish(`${french} [lien](https://example.org/the-and-of-the-with-the-for-the-and-of-the-with-the-for-the-and-of-the-with-the)`)).toBeUndefined();
  });

  it('the importer writes lang: en on an article in English, in the model’s key order, and reports it', () => {
    const root = mkdtempSync(join(tmpdir(), 'eig-legacy-'));
    const files: Record<string, string> = {
      'content/categories/methode.md': '---\ntitle: Méthode\n---\n',
      'content/blog/note-en.md': `---\ntitle: A note on the programme\nauthor: The team\ndate: 2020-01-01\ndescription: What the programme is and how it works.\nimage: img/a.png\ncategories: [Méthode]\n---\n${english}\n`,
      'content/blog/note-fr.md': `---\ntitle: Une note sur le programme\nauthor: L’équipe\ndate: 2020-01-01\ndescription: Ce qu’est le programme.\nimage: img/a.png\ncategories: [Méthode]\n---\n${french}\n`,
    };
    for (const [p, t] of Object.entries(files)) { mkdirSync(dirname(join(root, p)), { recursive: true }); writeFileSync(join(root, p), t); }
    const out = mkdtempSync(join(tmpdir(), 'eig-import-'));
    const { report } = runImport(root, out);
    const en = readFileSync(join(out, 'content', 'blog', 'note-en.md'), 'utf8');
    expect(en).toMatch(/\ncategories:\n {2}- methode\nlang: en\n/);
    expect(readFileSync(join(out, 'content', 'blog', 'note-fr.md'), 'utf8')).not.toMatch(/\blang:/);
    expect(report.findings.filter((f) => f.kind === 'detected-language').map((f) => [f.file, f.result])).toEqual([['blog/note-en.md', 'en']]);
  });

  it('the content model takes a BCP 47 tag and refuses anything else (back-office pattern and checks alike)', () => {
    const lang = articles.fields.find((f) => f.name === 'lang')!;
    const schema = fieldSchema(lang);
    for (const ok of ['en', 'en-GB', 'pt-BR', 'gsw']) expect(schema.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['anglais', 'EN', 'en_GB', 'e', '"><script>']) expect(schema.safeParse(bad).success, bad).toBe(false);
  });
});
