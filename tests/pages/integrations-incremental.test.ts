/**
 * The renderer's integrations in proportion to what changed (engine/render/integrations.ts), and
 * one content load per build (src/lib/content/handover.ts), on a copy of the demo content.
 * tests/pages/incremental.test.ts proves the bytes against full renders; here, that unchanged
 * outputs are the previous files (same inode) and that the checked set is the one rendered.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderer, type Renderer } from '../../engine/render/renderer.ts';
import { handOver } from '../../src/lib/content/handover.ts';
import { loadContent } from '../../src/lib/content/load.ts';

const root = mkdtempSync(join(tmpdir(), 'eig-integrations-'));
const content = join(root, 'content');
const media = join(root, 'media');
const defi = join(content, 'defis/archives-vivantes.md');
let renderer: Renderer;
const ino = (file: string) => statSync(file).ino;

beforeAll(async () => {
  cpSync('content', content, { recursive: true });
  cpSync('media', media, { recursive: true });
  renderer = await createRenderer({ codeRoot: process.cwd() });
  await renderer.full(content, media, join(root, 'out-0'));
}, 600_000);

afterAll(async () => {
  await renderer?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('intégrations proportionnelles au changement', () => {
  it('le texte d’un défi modifié : le plan du site et les redirections précédents sont repris tels quels (liens)', async () => {
    writeFileSync(defi, `${readFileSync(defi, 'utf8')}\nUn paragraphe ajouté par le test.\n`);
    await renderer.update(content, media, [], join(root, 'out-0'), join(root, 'out-1'));
    for (const f of ['sitemap-index.xml', 'sitemap-0.xml', 'nginx-redirects.map']) expect(ino(join(root, 'out-1', f)), f).toBe(ino(join(root, 'out-0', f)));
  });

  it('un défi ajouté : le plan du site est refait et le nomme', async () => {
    writeFileSync(join(content, 'defis/defi-du-test-integrations.md'), readFileSync(defi, 'utf8').replace(/^title: .*$/m, 'title: Défi du test des intégrations'));
    await renderer.update(content, media, [], join(root, 'out-1'), join(root, 'out-2'));
    expect(ino(join(root, 'out-2', 'sitemap-0.xml'))).not.toBe(ino(join(root, 'out-1', 'sitemap-0.xml')));
    expect(readFileSync(join(root, 'out-2', 'sitemap-0.xml'), 'utf8')).toContain('/defis/defi-du-test-integrations/');
  });
});

describe('un seul chargement du contenu par construction', () => {
  it('le rendu lit l’ensemble contrôlé remis pour son instant, puis plus jamais', async () => {
    const now = new Date();
    const checked = loadContent(content, media, undefined, now);
    // Changed on disk after the check: the render of that check shows what was checked.
    writeFileSync(defi, readFileSync(defi, 'utf8').replace(/^title: .*$/m, 'title: Titre changé après le contrôle'));
    handOver(checked, now);
    await renderer.update(content, media, [], join(root, 'out-2'), join(root, 'out-3'), now);
    const page = (out: string) => readFileSync(join(root, out, 'defis/archives-vivantes/index.html'), 'utf8');
    expect(page('out-3')).not.toContain('Titre changé après le contrôle');
    // The offer ended with that render: the next one, even for the same instant, reads the tree.
    await renderer.update(content, media, [], join(root, 'out-3'), join(root, 'out-4'), now);
    expect(page('out-4')).toContain('Titre changé après le contrôle');
  });
});
