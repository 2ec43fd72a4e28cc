import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEGACY_MEDIA_FILE, mediaRedirects, readMoves, serializeMoves } from '../../src/lib/legacy/media-moves.ts';
import { nginxMap } from '../../src/lib/legacy/redirects.ts';

const tree = (text?: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'eig-moves-'));
  if (text !== undefined) writeFileSync(join(dir, LEGACY_MEDIA_FILE), text);
  return dir;
};

describe('old image addresses of the previous site (moves recorded by the importer)', () => {
  it('records only the moves that changed an address, sorted', () => {
    const text = serializeMoves(new Map([
      ['/img/promotion-6/defis/x.png', 'promotion-6-defis-x.png'],
      ['/img/picto.svg', 'picto.svg'],
      ['/img/Équipe.png', 'equipe.png'],
    ]));
    expect(JSON.parse(text)).toEqual({ '/img/promotion-6/defis/x.png': 'promotion-6-defis-x.png', '/img/Équipe.png': 'equipe.png' });
    expect(Object.keys(JSON.parse(text))[0]).toBe('/img/promotion-6/defis/x.png');
  });

  it('redirects a move whose file is in the media folder, and sets apart the ones whose file is gone', () => {
    const { moves, issues } = readMoves(tree(serializeMoves(new Map([['/img/a/b.png', 'a-b.png'], ['/img/c/d.png', 'c-d.png']]))));
    expect(issues).toEqual([]);
    const r = mediaRedirects(moves, (file) => file === 'a-b.png');
    expect(r.redirects).toEqual([{ from: '/img/a/b.png', to: '/img/a-b.png' }]);
    expect(r.gone).toEqual(['/img/c/d.png']);
    expect(nginxMap(r.redirects)).toBe('"/img/a/b.png" "/img/a-b.png";\n');
  });

  it('has no moves without the file', () => {
    expect(readMoves(tree())).toEqual({ moves: {}, issues: [] });
  });

  it('reports unreadable JSON with the file name, never throwing', () => {
    const { moves, issues } = readMoves(tree('{ "/img/a.png": '));
    expect(moves).toEqual({});
    expect(issues).toEqual([expect.objectContaining({ file: LEGACY_MEDIA_FILE, severity: 'warning', message: expect.stringMatching(/^JSON illisible/) })]);
  });

  it('refuses, with file, line and key, a target outside the media folder or an address outside /img/', () => {
    const text = '{\n  "/img/ok.png": "ok-1.png",\n  "/img/x.png": "../../etc/passwd",\n  "/admin/": "y.png"\n}\n';
    const { moves, issues } = readMoves(tree(text));
    expect(moves).toEqual({ '/img/ok.png': 'ok-1.png' });
    expect(issues.map((i) => [i.line, i.field])).toEqual([[3, '/img/x.png'], [4, '/admin/']]);
  });
});

describe('nginx map keys', () => {
  it('writes a key with capitals as a case-sensitive regex matching it alone (nginx compares plain keys without case)', () => {
    expect(nginxMap([{ from: '/img/Promo (6)/Logo.png', to: '/img/promo-logo.png' }, { from: '/defis/x/', to: '/defis/' }]))
      .toBe('"~^/img/Promo \\\\(6\\\\)/Logo\\\\.png$" "/img/promo-logo.png";\n"/defis/x/" "/defis/";\n');
  });
});
