import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPolicies } from '../../engine/deploy/csp.ts';
import { media } from '../../src/integrations/media.ts';
import { buildDone } from '../helpers/astro-hooks.ts';

const hash = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

describe('generated CSP', () => {
  it('hashes the inline code of rendered pages only, never of a file under /img/', () => {
    const dist = mkdtempSync(join(tmpdir(), 'eig-csp-'));
    mkdirSync(join(dist, 'img', 'sub'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><script>ours()</script>');
    writeFileSync(join(dist, 'img', 'page.html'), '<!doctype html><script>theirs()</script>');
    writeFileSync(join(dist, 'img', 'sub', 'page.html'), '<!doctype html><script>theirs2()</script>');
    const p = buildPolicies(dist);
    expect(p.site).toContain(hash('ours()'));
    expect(p.site).not.toContain(hash('theirs()'));
    expect(p.site).not.toContain(hash('theirs2()'));
  });
});

describe('media copied into the build', () => {
  it('carries only the site’s media types into /img/, never a page or a hidden file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'eig-media-'));
    const mediaDir = join(root, 'media');
    const out = join(root, 'dist');
    mkdirSync(join(mediaDir, 'sub'), { recursive: true });
    mkdirSync(out);
    for (const f of ['a.png', 'sub/b.svg', 'doc.pdf', 'page.html', 'sub/x.js', '.gitkeep']) writeFileSync(join(mediaDir, f), 'x');
    await buildDone(media(mediaDir), out);
    for (const f of ['a.png', 'sub/b.svg', 'doc.pdf']) expect(existsSync(join(out, 'img', f)), f).toBe(true);
    for (const f of ['page.html', 'sub/x.js', '.gitkeep']) expect(existsSync(join(out, 'img', f)), f).toBe(false);
  });
});
