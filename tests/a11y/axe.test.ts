import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { builtPages } from '../helpers/pages.ts';

const base = inject('baseUrl');
const pages = builtPages(inject('distDir'));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

interface AxeViolation { id: string; help: string; nodes: { target: string[] }[] }

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

describe('axe-core on every built page', () => {
  it('finds pages to check', () => { expect(pages.length).toBeGreaterThan(0); });

  for (const scheme of ['light', 'dark'] as const) {
    it.each(pages)(`%s (${scheme})`, async (path) => {
      const context = await browser.newContext({ colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(`${base}${path}`);
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async (tags) => {
        // axe is injected above; its global has no type here.
        const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
        const r = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
        return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
      }, TAGS);
      await context.close();
      const report = violations.map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
      expect(report).toEqual([]);
    });
  }
});
