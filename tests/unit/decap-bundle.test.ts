import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleDir, ensureDecapBundle, integrityOf, pinnedDecap } from '../../src/integrations/decap-bundle.ts';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, unknown> };
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const tmp = mkdtempSync(join(tmpdir(), 'eig-decap-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('Decap bundle without its dependency tree', () => {
  it('decap-cms is not installed by npm: none of its ~620 dependencies are in the lockfile', () => {
    expect(pkg.dependencies['decap-cms'] ?? pkg.devDependencies['decap-cms']).toBeUndefined();
    const decapTree = Object.keys(lock.packages).filter((p) => /node_modules\/(decap-cms(-[a-z-]+)?|react-dom|create-react-class)$/.test(p));
    expect(decapTree).toEqual([]);
  });

  it('the installed bundle is the pinned tarball\'s dist/, without source maps nor the cms.js twin', () => {
    const p = pinnedDecap();
    const dir = ensureDecapBundle();
    expect(dir).toBe(bundleDir(p));
    expect(readFileSync(join(dir, '.integrity'), 'utf8')).toBe(p.integrity);
    const files = readdirSync(dir);
    expect(files).toContain('decap-cms.js');
    expect(files.filter((f) => f.endsWith('.map') || /(^|\.)cms\.js$/.test(f))).toEqual([]);
  });

  it('integrity strings have the registry\'s format (sha512, base64)', () => {
    expect(integrityOf(Buffer.from('abc'))).toBe('sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw==');
  });

  it('a tarball whose hash differs from the pinned one is refused, with both hashes, and nothing is installed', () => {
    const root = join(tmp, 'project');
    const wrong = `sha512-${Buffer.alloc(64).toString('base64')}`;
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root);
    writeFileSync(join(root, 'package.json'), JSON.stringify({ vendored: { 'decap-cms': { version: pinnedDecap().version, integrity: wrong } } }));
    expect(() => ensureDecapBundle(root)).toThrow(/refusée : son empreinte sha512-\S+ diffère de celle fixée dans package\.json \(vendored\.decap-cms\.integrity = sha512-A{10}/);
    expect(() => readdirSync(bundleDir(pinnedDecap(root), root))).toThrow(/ENOENT/);
  }, 120_000);

  it('a package.json without the pin gets a French error naming the file and the field', () => {
    const root = join(tmp, 'nopin');
    mkdirSync(root);
    writeFileSync(join(root, 'package.json'), '{}');
    expect(() => pinnedDecap(root)).toThrow(/package\.json : champ « vendored\.decap-cms » attendu/);
  });
});
