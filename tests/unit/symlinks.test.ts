/**
 * Symbolic links in content/ and media/ are refused by the checks and never followed by the
 * build (content loading, the media copy, the renderer's media links) nor by the compression
 * (issue #17, item 4). A link in the content tree would publish its target's text (/etc/…), a
 * media link would be deployed as its target by rsync, a folder link lets compression write
 * outside the build.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadContent } from '../../src/lib/content/load.ts';
import { media } from '../../src/integrations/media.ts';
import { buildDone } from '../helpers/astro-hooks.ts';
import { compressDist } from '../../engine/deploy/compress.ts';
import { linkTree } from '../../engine/render/output.ts';

const REFUSED = 'lien symbolique refusé : les entrées et les médias doivent être des fichiers ordinaires';
const root = mkdtempSync(join(tmpdir(), 'eig-symlinks-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the demo with a secret outside it, linked from content/blog/ and media/. */
function treeWithLinks(name: string) {
  const dir = join(root, name);
  const contentDir = join(dir, 'content');
  const mediaDir = join(dir, 'media');
  cpSync('content', contentDir, { recursive: true });
  cpSync('media', mediaDir, { recursive: true });
  const secret = join(dir, 'secret');
  mkdirSync(secret);
  writeFileSync(join(secret, 'article.md'), '---\ntitle: Texte secret du serveur\ndate: 2025-01-01\n---\nSECRET-DU-SERVEUR\n');
  writeFileSync(join(secret, 'host.png'), 'SECRET-DU-SERVEUR');
  symlinkSync(join(secret, 'article.md'), join(contentDir, 'blog', 'x.md'));
  symlinkSync('../secret/host.png', join(mediaDir, 'host.png'));
  symlinkSync(secret, join(mediaDir, 'dossier'));
  return { dir, contentDir, mediaDir, secret };
}

describe('symbolic links in content/ and media/', () => {
  it('are refused by the checks, naming each file, and never read', () => {
    const t = treeWithLinks('load');
    const set = loadContent(t.contentDir, t.mediaDir);
    const refused = set.issues.filter((i) => i.message === REFUSED);
    expect(refused.map((i) => [i.file, i.severity])).toEqual([
      ['blog/x.md', 'error'], ['../media/dossier', 'error'], ['../media/host.png', 'error'],
    ]);
    expect(set.entries.map((e) => e.title)).not.toContain('Texte secret du serveur');
    expect(set.entries.some((e) => e.source.includes('SECRET-DU-SERVEUR'))).toBe(false);
  });

  it('npm run check prints a French error for each, with its path, and exits 1', () => {
    const t = treeWithLinks('check');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check.ts'], {
      cwd: resolve('.'), encoding: 'utf8', env: { ...process.env, CONTENT_DIR: t.contentDir, MEDIA_DIR: t.mediaDir },
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`content/blog/x.md: -: erreur : ${REFUSED}`);
    expect(r.stdout).toMatch(new RegExp(`(^|/)media/host\\.png: -: erreur : ${REFUSED}`, 'm'));
    expect(r.stdout).not.toContain('/../media/');
  }, 60_000);

  it('the media copy of the build (integration and renderer) copies no link', async () => {
    const t = treeWithLinks('copy');
    const out = join(t.dir, 'dist');
    mkdirSync(out);
    await buildDone(media(t.mediaDir), out);
    const linked = join(t.dir, 'linked');
    mkdirSync(linked);
    linkTree(t.mediaDir, linked);
    for (const img of [join(out, 'img'), linked]) {
      expect(readdirSync(img).length).toBeGreaterThan(3); // the demo's media are there
      expect(lstatSync(join(img, 'host.png'), { throwIfNoEntry: false })).toBeUndefined();
      expect(lstatSync(join(img, 'dossier'), { throwIfNoEntry: false })).toBeUndefined();
    }
  });

  it('compression does not follow a folder link: nothing is written outside the build', async () => {
    const dist = join(root, 'compress', 'dist');
    const outside = join(root, 'compress', 'outside');
    mkdirSync(dist, { recursive: true });
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(dist, 'index.html'), `<!doctype html><p>${'page '.repeat(200)}</p>`);
    for (let i = 0; i < 5; i++) writeFileSync(join(outside, `f${i}.html`), `<p>${'hors du site '.repeat(100)}</p>`);
    symlinkSync(outside, join(dist, 'lien'));
    // A dangling link where a .gz goes must not be written through either.
    writeFileSync(join(dist, 'autre.html'), `<p>${'texte '.repeat(200)}</p>`);
    symlinkSync(join(outside, 'cible.gz'), join(dist, 'autre.html.gz'));
    const stats = await compressDist(dist);
    expect(stats.files).toBe(2);
    expect(readdirSync(outside).sort()).toEqual(['f0.html', 'f1.html', 'f2.html', 'f3.html', 'f4.html']);
    expect(lstatSync(join(dist, 'autre.html.gz')).isFile()).toBe(true);
  });
});
