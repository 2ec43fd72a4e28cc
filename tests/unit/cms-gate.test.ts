import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  READ_ACTIONS, WRITE_ACTIONS, checkApiRequest, checkAsset, checkCall, failureMessage, isOwnHost, isOwnOrigin, pathProblem,
  type GuardRefusal,
} from '../../backoffice/gate/gate.ts';
import { TaskTimeout, serial } from '../../backoffice/api/serial.ts';
import { mediaHeaders, mediaProblem, sniff } from '../../src/lib/media-types.ts';
import { sanitizeSvg } from '../../src/lib/svg-sanitize.ts';
import { insideDir } from '../../src/lib/inside.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import { markdownFile, tempTree } from '../helpers/content-tree.ts';

const PORT = 4321;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const refused = (r: unknown): GuardRefusal => {
  expect(r, JSON.stringify(r).slice(0, 200)).toHaveProperty('status');
  return r as GuardRefusal;
};
const accepted = (r: unknown) => {
  expect(r, JSON.stringify(r).slice(0, 200)).toHaveProperty('action');
  return r as { action: string; params: Record<string, unknown> };
};
const call = (action: string, params: Record<string, unknown>) => checkCall({ action, params: { branch: 'main', ...params } }, 'main');

describe('cms-gate: request head', () => {
  it('accepts only its own Host and Origin', () => {
    expect(isOwnHost(`127.0.0.1:${PORT}`, PORT)).toBe(true);
    expect(isOwnHost(`localhost:${PORT}`, PORT)).toBe(true);
    expect(isOwnHost(`LOCALHOST:${PORT}`, PORT)).toBe(true);
    for (const h of [`evil.test:${PORT}`, `127.0.0.1:${PORT + 1}`, '127.0.0.1', `127.0.0.1.evil.test:${PORT}`, undefined, `[::1]:${PORT}`]) expect(isOwnHost(h, PORT), String(h)).toBe(false);
    expect(isOwnOrigin(undefined, PORT)).toBe(true);
    expect(isOwnOrigin(`http://127.0.0.1:${PORT}`, PORT)).toBe(true);
    expect(isOwnOrigin(`http://localhost:${PORT}`, PORT)).toBe(true);
    for (const o of ['null', `http://127.0.0.1:${PORT + 1}`, `https://127.0.0.1:${PORT}`, `http://evil.test:${PORT}`, '']) expect(isOwnOrigin(o, PORT), o).toBe(false);
  });

  it('refuses other methods, types and announced sizes before reading the body', () => {
    const head = (method: string, headers: Record<string, string>) => checkApiRequest({ method, headers: { host: `127.0.0.1:${PORT}`, ...headers } }, PORT, 1000);
    expect(head('POST', { 'content-type': 'application/json; charset=utf-8' })).toBeUndefined();
    expect(head('GET', { 'content-type': 'application/json' })?.status).toBe(400);
    expect(head('POST', { 'content-type': 'text/plain' })?.status).toBe(415);
    expect(head('POST', {})?.status).toBe(415);
    expect(head('POST', { 'content-type': 'application/json', 'content-length': '1001' })?.status).toBe(413);
    expect(head('POST', { 'content-type': 'application/json', origin: 'http://127.0.0.1:9' })?.status).toBe(403);
    expect(checkApiRequest({ method: 'POST', headers: { host: 'evil.test:4321', 'content-type': 'application/json' } }, PORT)?.status).toBe(403);
    for (const r of [head('GET', {}), head('POST', { 'content-type': 'text/plain' })]) expect(r?.error).toMatch(/^Requête refusée : /);
  });
});

describe('cms-gate: paths', () => {
  it('accepts files under content/ and media/ only, normalised, never hidden', () => {
    for (const ok of ['content/program.md', 'content/defis/été.md', 'media/img/photo.png', 'media/a b.jpg']) expect(pathProblem(ok, ['content', 'media']), ok).toBeUndefined();
    const bad = [
      '.git/config', 'content/../.git/config', 'content/./x.md', 'content//x.md', '/etc/passwd', 'C:/x', 'content\\..\\x.md',
      'content/%2e%2e/x.md', 'content/..%2fx.md', 'content/x.md\0', 'content/.hidden.md', 'media/.gitkeep', 'media/sub/.git/x',
      'scripts/evil.sh', 'package.json', 'content', '', '..', 'content/..',
    ];
    for (const p of bad) expect(pathProblem(p, ['content', 'media']), p).toBeTruthy();
    expect(pathProblem('media', ['media'], true)).toBeUndefined();
    expect(pathProblem('media/', ['media'], true)).toBeUndefined();
    expect(pathProblem(42, ['media'])).toBeTruthy();
  });

  it('checks every path of every action, newPath included', () => {
    expect(accepted(call('getEntry', { path: 'content/program.md' })).action).toBe('getEntry');
    refused(call('getEntry', { path: '.git/config' }));
    refused(call('getMediaFile', { path: 'media/../.git/config' }));
    refused(call('unpublishedEntryDataFile', { collection: 'defis', slug: 'x', id: 'x', path: '.git/HEAD' }));
    accepted(call('unpublishedEntryDataFile', { collection: 'pages', slug: 'program', id: 'content/program.md', path: 'content/program.md' }));
    refused(call('unpublishedEntryDataFile', { collection: 'pages', slug: 'program', id: '.git/config', path: 'content/program.md' }));
    refused(call('unpublishedEntryMediaFile', { collection: 'defis', slug: 'x', id: 'x', path: '../x' }));
    refused(call('entriesByFolder', { folder: '.git', extension: 'md', depth: 1 }));
    accepted(call('entriesByFolder', { folder: 'content/defis', extension: 'md', depth: 1 }));
    refused(call('entriesByFiles', { files: [{ path: 'content/program.md' }, { path: 'package.json' }] }));
    accepted(call('getMedia', { mediaFolder: 'media' }));
    refused(call('getMedia', { mediaFolder: 'content' }));
    refused(call('getMedia', { mediaFolder: '.' }));
    refused(call('deleteFile', { path: 'README.md', options: { commitMessage: 'x' } }));
    refused(call('deleteFiles', { paths: ['media/a.png', 'scripts/x'], options: { commitMessage: 'x' } }));
    refused(call('deleteFiles', { paths: [], options: { commitMessage: 'x' } }));
    const entry = (e: Record<string, unknown>, assets: unknown[] = []) => call('persistEntry', { entry: { slug: 'a', raw: 'x', ...e }, assets, options: { commitMessage: 'x', useWorkflow: true, status: 'draft' } });
    accepted(entry({ path: 'content/blog/a.md' }));
    accepted(entry({ path: 'content/blog/a.md', newPath: 'content/blog/b.md' }));
    refused(entry({ path: 'content/blog/a.md', newPath: '.git/info/a.md' }));
    refused(entry({ path: 'content/blog/a.md', newPath: 'content/../a.md' }));
    refused(entry({ path: 'media/a.md' }));
    refused(entry({ path: 'content/blog/a.html' }));
    refused(entry({ path: 'scripts/evil.sh' }));
    refused(entry({ path: 'content/blog/a.md', slug: '../x' }));
    refused(call('persistEntry', { dataFiles: [{ slug: 'a', raw: 'x', path: 'content/a.md' }, { slug: 'b', raw: 'x', path: 'package.json' }], assets: [], options: {} }));
    refused(entry({ path: 'content/blog/a.md' }, [{ path: 'content/x.png', content: b64(PNG), encoding: 'base64' }]));
  });

  it('knows every decap-server action and refuses the others, other branches and bad keys', () => {
    expect(READ_ACTIONS.length + WRITE_ACTIONS.length).toBe(18);
    expect(accepted(checkCall({ action: 'info' }, 'main')).action).toBe('info');
    expect(refused(checkCall({ action: 'exec', params: { branch: 'main' } }, 'main')).status).toBe(422);
    refused(checkCall({ params: {} }, 'main'));
    refused(checkCall('info', 'main'));
    refused(checkCall({ action: 'getEntry', params: { branch: '--upload-pack=x', path: 'content/a.md' } }, 'main'));
    refused(call('publishUnpublishedEntry', { collection: 'defis', slug: '-x' }));
    refused(call('updateUnpublishedEntryStatus', { collection: '../../x', slug: 'a', newStatus: 'draft' }));
    refused(call('unpublishedEntry', { id: 'a/../../b' }));
    accepted(call('unpublishedEntry', { id: 'defis/mon-defi' }));
    accepted(call('publishUnpublishedEntry', { collection: 'defis', slug: 'mon-defi' }));
    // An existing file keeps its accented name as its slug (brigade-numérique.md): a safe branch name.
    accepted(call('publishUnpublishedEntry', { collection: 'defis', slug: 'brigade-numérique' }));
    refused(call('publishUnpublishedEntry', { collection: 'defis', slug: 'a b' }));
    refused(call('publishUnpublishedEntry', { collection: 'defis', slug: 'a~1' }));
  });
});

describe('cms-gate: uploads', () => {
  const asset = (path: string, content: string | Buffer) => checkAsset({ path, content: b64(content), encoding: 'base64' });
  it('accepts the site’s media by extension and content, nothing else', () => {
    expect(asset('media/a.png', PNG)).toHaveProperty('asset');
    expect(asset('media/a.PNG', PNG)).toHaveProperty('asset');
    expect(asset('media/doc.pdf', '%PDF-1.4\n%…')).toHaveProperty('asset');
    expect(refused(asset('media/page.html', '<script>1</script>')).status).toBe(415);
    expect(refused(asset('media/page.png', '<!doctype html><script>1</script>')).error).toMatch(/ne correspond pas/);
    expect(refused(asset('media/a.jpg', PNG)).error).toMatch(/PNG/);
    refused(asset('media/a', PNG));
    refused(asset('media/a.svg.html', '<svg></svg>'));
    refused(asset('content/a.png', PNG));
    refused(checkAsset({ path: 'media/a.png', content: b64(PNG), encoding: 'utf8' }));
  });

  it('sanitises SVG uploads', () => {
    const r = asset('media/a.svg', '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 2 2" onload="x()"><script>alert(1)</script><a xlink:href="javascript:alert(1)"><rect width="1" height="1"/></a><foreignObject><iframe src="x"/></foreignObject><use href="#r"/></svg>');
    expect(r).toHaveProperty('asset');
    const svg = Buffer.from(String((r as { asset: { content: string } }).asset.content), 'base64').toString();
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 2 2"/);
    expect(svg).toContain('<rect width="1" height="1"/>');
    expect(svg).toContain('href="#r"');
    expect(svg).not.toMatch(/script|onload|javascript|foreignObject|iframe/i);
  });
});

describe('media types', () => {
  it('sniffs signatures', () => {
    expect(sniff(PNG)).toBe('png');
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniff(Buffer.from('GIF89a...'))).toBe('gif');
    expect(sniff(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniff(Buffer.from('\0\0\0\x1cftypavif'))).toBe('avif');
    expect(sniff(Buffer.from('\uFEFF<?xml version="1.0"?>\n<!-- x -->\n<svg xmlns="http://www.w3.org/2000/svg">'))).toBe('svg');
    expect(sniff(Buffer.from('<html><svg>'))).toBeUndefined();
    expect(mediaProblem('a.webp', PNG)).toMatch(/PNG/);
  });
  it('maps /img/ types explicitly; anything else is a download', () => {
    expect(mediaHeaders('/img/a.svg')).toMatchObject({ 'Content-Type': 'image/svg+xml', 'X-Content-Type-Options': 'nosniff' });
    expect(mediaHeaders('/img/a.svg')['Content-Security-Policy']).toMatch(/default-src 'none'.*sandbox/);
    expect(mediaHeaders('/img/a.html')).toMatchObject({ 'Content-Type': 'application/octet-stream', 'Content-Disposition': 'attachment' });
  });
  it('keeps a real SVG drawing intact', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><style>.a{fill:red}</style><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs><path class="a" d="M0 0h10v10z"/></svg>';
    const r = sanitizeSvg(svg);
    const out = 'svg' in r ? r.svg : '';
    for (const part of ['viewBox="0 0 10 10"', '<style>.a{fill:red}</style>', '<linearGradient id="g">', 'stop-color="#fff"', 'd="M0 0h10v10z"']) expect(out).toContain(part);
  });
});

describe('decap-server failures in French', () => {
  it('names the cause and its code', () => {
    expect(failureMessage("ENOSPC: no space left on device, write")).toBe('Échec de l’enregistrement : le disque est plein (ENOSPC)');
    expect(failureMessage("EACCES: permission denied, open '/x'")).toMatch(/permission refusée.*\(EACCES\)/);
    expect(failureMessage('Request timed out')).toMatch(/délai dépassé/);
    expect(failureMessage(undefined)).toMatch(/^Échec de l’enregistrement : /);
    // git's « cannot lock ref …: Unable to create '….lock': File name too long » is not a locked repository.
    expect(failureMessage("cannot lock ref 'refs/heads/cms/articles/aaa': Unable to create '/r/.git/refs/heads/cms/articles/aaa.lock': File name too long"))
      .toBe('Échec de l’enregistrement : nom de fichier ou de branche trop long (ENAMETOOLONG)');
  });
});

describe('cms-gate: file names', () => {
  const entry = (path: string, slug = 'essai') => call('persistEntry', {
    entry: { slug, path, raw: '---\ntitle: x\n---\n' }, assets: [],
    options: { collectionName: 'articles', commitMessage: 'x', useWorkflow: true, status: 'draft' },
  });
  const media = (path: string) => call('persistMedia', { asset: { path, content: b64(PNG), encoding: 'base64' }, options: { commitMessage: 'x' } });

  it('refuses a name over 120 characters (or 255 bytes) with its length, in French; 120 pass', () => {
    const long = `${'a'.repeat(300)}.md`;
    expect(refused(entry(`content/blog/${long}`)).error).toBe(`Requête refusée : entrée « content/blog/${'a'.repeat(107)}… » : nom de fichier trop long (303 caractères, 120 au plus).`);
    expect(refused(entry('content/blog/essai.md', 'b'.repeat(300))).error).toMatch(/^Requête refusée : slug « b{120}… » : nom de fichier trop long \(300 caractères, 120 au plus\)\.$/);
    expect(refused(call('unpublishedEntry', { collection: 'articles', slug: 'c'.repeat(121) })).error).toMatch(/trop long \(121 caractères/);
    expect(refused(call('unpublishedEntry', { id: `articles/${'c'.repeat(200)}` })).error).toMatch(/trop long \(200 caractères/);
    expect(refused(call('getEntry', { path: `content/${'d'.repeat(130)}/x.md` })).error).toMatch(/nom de dossier trop long \(130 caractères/);
    expect(refused(media(`media/${'日'.repeat(100)}.png`)).error).toMatch(/nom de fichier trop long \(304 octets, 255 au plus\)/);
    accepted(entry(`content/blog/${'a'.repeat(117)}.md`, 'a'.repeat(117)));
    accepted(media(`media/${'é'.repeat(116)}.png`));
  });

  it('refuses invisible characters (bidi overrides and isolates, marks, zero-width, C1 controls, lone surrogates), naming them', () => {
    const chars = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C', '\u200B', '\u200D', '\uFEFF', '\u0085', '\u009B', '\uD800', '\uE000', '\u2028'];
    for (const c of chars) {
      const code = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      for (const r of [entry(`content/blog/essai${c}dm.md`), entry('content/blog/essai.md', `essai${c}x`), media(`media/photo${c}gnp.png`), call('getMediaFile', { path: `media/${c}/x.png` })]) {
        const error = refused(r).error;
        expect(error, code).toContain(`caractère invisible ou de contrôle interdit dans le nom (${code})`);
        // The message shows where it is, never the character itself (it would reorder the message).
        expect(error, code).toContain(`<${code}>`);
        expect(error.includes(c), code).toBe(false);
      }
    }
  });
});

describe('serial', () => {
  it('runs one task at a time, in order, even when one fails', async () => {
    const run = serial();
    const log: string[] = [];
    let active = 0;
    const task = (name: string, ms: number, fail = false) => run(async () => {
      active++;
      expect(active).toBe(1);
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      active--;
      if (fail) throw new Error(name);
      return name;
    });
    const results = await Promise.allSettled([task('a', 30), task('b', 5, true), task('c', 1)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('gives up a task that never settles after its time limit, and runs the next one', async () => {
    vi.useFakeTimers();
    try {
      const run = serial(1000);
      const stuck = run(() => new Promise<never>(() => {}));
      const stuckResult = stuck.then(() => 'réglée', (e: unknown) => e);
      let next = 'en attente';
      void run(async () => { next = 'exécutée'; });
      await vi.advanceTimersByTimeAsync(999);
      expect(next).toBe('en attente');
      await vi.advanceTimersByTimeAsync(2);
      expect(next).toBe('exécutée');
      expect(await stuckResult).toBeInstanceOf(TaskTimeout);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('url: is a path', () => {
  it('refuses an address that leaves the site, at file:line: url', () => {
    const tree = tempTree();
    tree.write('cgu.md', markdownFile({ title: 'CGU', url: '/../../../../tmp/x/' }, 'Texte.'));
    tree.write('contact.md', markdownFile({ title: 'Contact', url: '/contact' }, 'Texte.'));
    const errors = loadContent(tree.contentDir, tree.mediaDir).issues.filter((i) => i.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'cgu.md', field: 'url', line: 3 });
    expect(errors[0]!.message).toMatch(/adresse invalide/);
  });
  it('keeps every written file inside the output folder', () => {
    const out = mkdtempSync(join(tmpdir(), 'eig-out-'));
    expect(insideDir(out, '/programme/')).toBe(join(out, 'programme'));
    expect(insideDir(out, 'a/b/')).toBe(join(out, 'a/b'));
    expect(() => insideDir(out, '/../../../../tmp/x/')).toThrow(/sortirait du dossier de sortie/);
    expect(() => insideDir(out, 'a/../../x')).toThrow(/sortirait/);
  });
});
