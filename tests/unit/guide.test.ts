/**
 * The editors' guide (docs/guide-editeur.md) and its screenshots (docs/guide-editeur/*.png, made
 * by `npm run guide:screenshots` from the real back-office): every screenshot the guide shows
 * exists, and every screenshot of the folder is shown by the guide.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const GUIDE = 'docs/guide-editeur.md';
const FOLDER = 'docs/guide-editeur';

/** The images a Markdown text shows (`![alt](path)`), with their alternative texts. */
function imagesOf(markdown: string): { alt: string; path: string }[] {
  return [...markdown.matchAll(/!\[([^\]]*)\]\(([^)\s]+)\)/g)].map((m) => ({ alt: m[1]!, path: m[2]! }));
}

describe('guide de l’éditeur', () => {
  const images = imagesOf(readFileSync(GUIDE, 'utf8'));
  const files = existsSync(FOLDER) ? readdirSync(FOLDER).filter((f) => f.endsWith('.png')).sort() : [];

  it('shows screenshots, each with an alternative text', () => {
    expect(images.length).toBeGreaterThan(0);
    expect(images.filter((i) => !i.alt.trim()).map((i) => i.path)).toEqual([]);
  });

  it('every screenshot it shows exists in docs/guide-editeur/', () => {
    expect(images.filter((i) => !i.path.startsWith('guide-editeur/') || !existsSync(`docs/${i.path}`)).map((i) => i.path)).toEqual([]);
  });

  it('every screenshot of docs/guide-editeur/ is shown by the guide (none left over)', () => {
    const shown = new Set(images.map((i) => i.path.replace(/^guide-editeur\//, '')));
    expect(files.filter((f) => !shown.has(f))).toEqual([]);
  });
});
