/**
 * Back-office previews are the site (#12 item 6): a draft rendered by backoffice/preview/render.ts
 * through the long-lived renderer is byte for byte the page the same content gives once saved,
 * the overlay never touches the content folder, and an invalid draft answers its problems by
 * field label instead of crashing. On a temporary copy of the demo content.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderer, type Renderer } from '../../engine/render/renderer.ts';
import { draftFile, renderDraft, type PreviewRequest } from '../../backoffice/preview/render.ts';
import { parseMarkdownFile } from '../../src/lib/content/frontmatter.ts';
import { setContentOverlay } from '../../src/lib/content/repository.ts';

const root = mkdtempSync(join(tmpdir(), 'eig-preview-'));
const content = join(root, 'content');
const media = join(root, 'media');
let renderer: Renderer;
const env = { CONTENT_DIR: process.env['CONTENT_DIR'], MEDIA_DIR: process.env['MEDIA_DIR'] };

/** The draft Decap would hold for an existing file: its front matter and body as data. */
function draftOf(collection: string, slug: string, file: string, change: Record<string, unknown> = {}): PreviewRequest {
  const parsed = parseMarkdownFile(readFileSync(join(content, file), 'utf8'));
  return { collection, slug, data: { ...parsed.data, body: parsed.body, ...change } };
}

/** Every file of a folder with its bytes' hash. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(`${relative(dir, p)} ${createHash('sha1').update(readFileSync(p)).digest('hex')}`);
    }
  };
  walk(dir);
  return out.sort();
}

const h1 = (html: string) => /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1]?.replace(/<br\b[^>]*>/g, ' ').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();

async function page(pathname: string): Promise<string> {
  setContentOverlay(undefined);
  const res = await renderer.renderPath(pathname);
  expect(res.status).toBe(200);
  return res.text();
}

beforeAll(async () => {
  cpSync(resolve('content'), content, { recursive: true });
  cpSync(resolve('media'), media, { recursive: true });
  Object.assign(process.env, { CONTENT_DIR: content, MEDIA_DIR: media, EIG_QUIET_WARNINGS: '1' });
  renderer = await createRenderer({ codeRoot: process.cwd() });
});

afterAll(async () => {
  await renderer?.close();
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  rmSync(root, { recursive: true, force: true });
});

describe('a preview is the page the saved draft gives', () => {
  it('défi: new title and body, the real page’s markup (header, breadcrumb, h1, body), byte for byte', async () => {
    const before = snapshot(content);
    const req = draftOf('defis', 'droit-clair', 'defis/droit-clair.md', { title: 'Droit clair, version relue', body: 'Un paragraphe **relu**.\n\n## Ce qui change' });
    const a = await renderDraft(renderer, req);
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(a.url).toBe('/defis/droit-clair/');
    expect(h1(a.html)).toBe('Droit clair, version relue');
    expect(a.html).toContain('class="fr-header"');
    expect(a.html).toContain('fr-breadcrumb');
    expect(a.html).toContain('Un paragraphe <strong>relu</strong>.');
    expect(a.html).toMatch(/<link rel="stylesheet" href="\/_astro\/[^"]+\.css"/);
    // The overlay wrote nothing, and is gone: the page reads the file again.
    expect(snapshot(content)).toEqual(before);
    expect(h1(await page('/defis/droit-clair/'))).toBe('Droit clair');
    // Saved for real, the same content renders the same bytes.
    const d = draftFile(req);
    writeFileSync(join(content, d.file), d.source);
    expect(await page('/defis/droit-clair/')).toBe(a.html);
  });

  it('follows each new version of the draft (no props kept from the previous render)', async () => {
    for (const title of ['Première version', 'Deuxième version', 'Troisième version']) {
      const a = await renderDraft(renderer, draftOf('personnes', 'adrien-collin', 'personnes/adrien-collin.md', { title }));
      expect(a.ok && h1(a.html)).toBe(title);
    }
  });

  it('a new entry without a file yet: its page at the URL its title gives, relations shown by title', async () => {
    const a = await renderDraft(renderer, {
      collection: 'defis',
      data: { title: 'Élan d’été', description: 'Une phrase.', who: 'Direction imaginaire', town: 'Lyon', date: '2024-03-01', promos: ['promotion-1'], themes: ['justice'], image: 'img/defis-droit-clair.svg', visible: true, body: 'Texte.' },
    });
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(a.url).toBe('/defis/elan-dete/');
    expect(h1(a.html)).toBe('Élan d’été');
    expect(a.html).toContain('>Justice<');
    expect(a.html).not.toContain('>justice<');
  });

  it('home and FAQ pages (the « pages » collection): the hero title, the questions as DSFR accordions', async () => {
    const home = await renderDraft(renderer, draftOf('pages', 'home', '_index.md', { hero: { ...(parseMarkdownFile(readFileSync(join(content, '_index.md'), 'utf8')).data['hero'] as object), title: 'Un bandeau\nrelu' } }));
    expect(home.ok && h1(home.html)).toBe('Un bandeau relu');
    const faq = await renderDraft(renderer, draftOf('pages', 'candidats-faq', 'participer/candidats/faq.md', { questions: [{ title: 'Une question ajoutée ?', desc: 'Une réponse **nette**.' }] }));
    expect(faq.ok).toBe(true);
    if (!faq.ok) return;
    expect(faq.html).toMatch(/<button[^>]*class="fr-accordion__btn"[^>]*>Une question ajoutée \?<\/button>/);
    expect(faq.html).toContain('Une réponse <strong>nette</strong>.');
  });
});

describe('an invalid draft', () => {
  it('answers its problems by field label, in French, and renders nothing', async () => {
    const a = await renderDraft(renderer, draftOf('defis', 'droit-clair', 'defis/droit-clair.md', { title: '', themes: ['nulle-part'] }));
    expect(a.ok).toBe(false);
    if (a.ok) return;
    expect(a.status).toBe(422);
    expect(a.error).toMatch(/ne peut pas être publiée/);
    expect(a.problems).toEqual(expect.arrayContaining([
      { field: 'Titre', message: 'champ obligatoire manquant ou vide' },
      expect.objectContaining({ field: 'Thématiques n° 1', message: expect.stringMatching(/« nulle-part » ne correspond à aucun fichier/) as unknown }),
    ]));
    // Other entries that point to this défi are not blamed for its refusal.
    expect(a.problems.filter((p) => p.entry)).toEqual([]);
    expect(h1(await page('/defis/droit-clair/'))).toBe('Droit clair, version relue');
  });
});
