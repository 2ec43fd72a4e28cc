import { describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { FileSystemConfigLoader, HtmlValidate, type Message } from 'html-validate';
import { fileFor } from '../helpers/built.ts';
import { htmlFiles } from '../helpers/links.ts';

const dist = inject('distDir');
// The project's documented rule set (.htmlvalidate.mjs, found from the working directory).
const validator = new HtmlValidate(new FileSystemConfigLoader());
const pages = htmlFiles(dist);
const format = (m: Message) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}${m.selector ? ` (${m.selector})` : ''}`;

describe('HTML validity (html-validate, .htmlvalidate.mjs)', () => {
  it('finds pages to validate', () => { expect(pages.length).toBeGreaterThan(1); });

  it('the rule set catches an error (the gate can fail)', async () => {
    const report = await validator.validateString('<!doctype html><html lang="fr"><head><title>t</title></head><body><img src="a.png"><p><div></div></p></body></html>', '.htmlvalidate-probe.html');
    expect(report.valid).toBe(false);
  });

  it.each(pages)('%s has 0 errors', async (path) => {
    const file = fileFor(dist, path)!;
    const report = await validator.validateString(readFileSync(file, 'utf8'), 'page.html');
    const errors = report.results.flatMap((r) => r.messages).filter((m) => m.severity === 2).map(format);
    expect(errors).toEqual([]);
  });
});
