import { describe, expect, inject, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brokenLinks, formatBroken, htmlFiles, summarizeBroken, writeBrokenLinksReport } from '../helpers/links.ts';

const dist = inject('distDir');

describe('links of the demo build', () => {
  it('has pages to check', () => { expect(htmlFiles(dist).length).toBeGreaterThan(1); });

  it('every internal link, image, srcset entry, asset and anchor resolves in the build', () => {
    expect(summarizeBroken(brokenLinks(dist))).toEqual([]);
  });
});

describe('the broken-links report (used on the imported corpus)', () => {
  it('lists a broken link of a content body, with its page, and leaves template links out', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'eig-links-'));
    const html = (body: string) => `<!doctype html><html lang="fr"><head><title>t</title><link rel="stylesheet" href="/absent.css"></head><body><main id="contenu"><div class="eig-markdown">${body}</div></main></body></html>`;
    mkdirSync(join(tmp, 'a'), { recursive: true });
    writeFileSync(join(tmp, 'index.html'), html('<a href="/a/">ok</a> <img src="/img/absente.png" alt=""> <img srcset="/a/ 1x, /manque.webp 2x" alt=""> <a href="/a/#nulle-part">ancre</a>'));
    writeFileSync(join(tmp, 'a', 'index.html'), html('<a href="https://exemple.invalid/">externe</a>'));
    const report = join(tmp, 'report', 'links.json');
    const broken = writeBrokenLinksReport(tmp, report, { scope: 'body' });
    expect(formatBroken(broken)).toEqual([
      '/ img[src] /img/absente.png → cible absente de la construction',
      '/ img[srcset] /manque.webp → cible absente de la construction',
      '/ a[href] /a/#nulle-part → ancre #nulle-part absente de la page cible',
    ]);
    const json = JSON.parse(readFileSync(report, 'utf8')) as { count: number; byPage: Record<string, number>; pages: number };
    expect(json).toMatchObject({ count: 3, byPage: { '/': 3 }, pages: 2 });
    // The whole-page scope also sees the template's missing stylesheet.
    expect(formatBroken(brokenLinks(tmp)).filter((l) => l.includes('absent.css'))).toHaveLength(2);
  });
});
