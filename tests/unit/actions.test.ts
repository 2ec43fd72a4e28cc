/**
 * One schema per decap-server action (backoffice/actions/), wired into the gate: `parseCall`
 * and the gate's `checkCall` (which parses each call once with it) accept and refuse one table of
 * inputs alike, with the same status (the table the hand-written checks answered before the
 * schemas replaced them); an accepted call goes on as it came (unknown keys kept), uploads
 * sanitised; and where decap-server's own joi schema requires a param (it answered 422 after the
 * hand-written checks had let the call through), the gate refuses it with 422 at once.
 */
import { describe, expect, it } from 'vitest';
import { checkCall } from '../../backoffice/gate/gate.ts';
import { parseCall } from '../../backoffice/actions/parse.ts';
import { png } from '../helpers/png.ts';

const B = 'main';
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const image = { path: 'media/a.png', content: b64(png(2, 2)), encoding: 'base64' };
const svg = { path: 'media/a.svg', content: b64('<svg xmlns="http://www.w3.org/2000/svg" onload="x()"><script>alert(1)</script><rect width="1" height="1"/></svg>'), encoding: 'base64' };
const commit = { commitMessage: 'm' };
const workflow = { collectionName: 'defis', commitMessage: 'm', useWorkflow: true, status: 'draft' };
const entry = (path: string, extra: Record<string, unknown> = {}) => ({ slug: 'a', path, raw: '---\ntitle: A\n---\n', ...extra });
const call = (action: string, params: Record<string, unknown>) => ({ action, params: { branch: B, ...params } });

/** Inputs both must treat alike: [name, body, expected status (0 = accepted)]. */
const SAME: [string, unknown, number][] = [
  ['no body', null, 400],
  ['no action', { params: {} }, 400],
  ['action not a string', { action: 3 }, 400],
  ['unknown action', { action: 'runShell', params: { branch: B } }, 422],
  ['info', { action: 'info' }, 0],
  ['no params', { action: 'getEntry' }, 422],
  ['params not an object', { action: 'getEntry', params: [] }, 422],
  ['other branch', call('getEntry', { branch: 'evil', path: 'content/a.md' }), 422],
  ['getEntry', call('getEntry', { path: 'content/defis/a.md' }), 0],
  ['getEntry outside content/ and media/', call('getEntry', { path: '.git/config' }), 422],
  ['getEntry dot-dot', call('getEntry', { path: 'content/../package.json' }), 422],
  ['getEntry absolute', call('getEntry', { path: '/etc/passwd' }), 422],
  ['getEntry backslash', call('getEntry', { path: 'content\\a.md' }), 422],
  ['getEntry hidden', call('getEntry', { path: 'content/.env' }), 422],
  ['getEntry a folder', call('getEntry', { path: 'content' }), 422],
  ['getEntry no path', call('getEntry', {}), 422],
  ['entriesByFolder', call('entriesByFolder', { folder: 'content/defis', extension: 'md', depth: 1 }), 0],
  ['entriesByFolder root', call('entriesByFolder', { folder: 'content', extension: 'md', depth: 1 }), 0],
  ['entriesByFolder src/', call('entriesByFolder', { folder: 'src', extension: 'md', depth: 1 }), 422],
  ['entriesByFiles', call('entriesByFiles', { files: [{ path: 'content/a.md' }, { path: 'media/b.png' }] }), 0],
  ['entriesByFiles one bad', call('entriesByFiles', { files: [{ path: 'content/a.md' }, { path: 'scripts/x.ts' }] }), 422],
  ['entriesByFiles not a list', call('entriesByFiles', { files: 'content/a.md' }), 422],
  ['unpublishedEntries', call('unpublishedEntries', {}), 0],
  ['unpublishedEntry by key', call('unpublishedEntry', { collection: 'defis', slug: 'brigade-numérique' }), 0],
  ['unpublishedEntry by id', call('unpublishedEntry', { id: 'defis/a' }), 0],
  ['unpublishedEntry bad id', call('unpublishedEntry', { id: '../x' }), 422],
  ['unpublishedEntry bad slug', call('unpublishedEntry', { collection: 'defis', slug: 'a/../../b' }), 422],
  ['unpublishedEntry bad prefix', call('unpublishedEntry', { collection: 'defis', slug: 'a', cmsLabelPrefix: 'x y' }), 422],
  ['unpublishedEntryDataFile', call('unpublishedEntryDataFile', { collection: 'defis', slug: 'a', id: 'content/defis/a.md', path: 'content/defis/a.md' }), 0],
  ['unpublishedEntryMediaFile bad id', call('unpublishedEntryMediaFile', { collection: 'defis', slug: 'a', id: '../a', path: 'media/a.png' }), 422],
  ['unpublishedEntryMediaFile bad path', call('unpublishedEntryMediaFile', { collection: 'defis', slug: 'a', id: 'media/a.png', path: 'media/../a.png' }), 422],
  ['getMedia', call('getMedia', { mediaFolder: 'media' }), 0],
  ['getMedia under content/', call('getMedia', { mediaFolder: 'content' }), 422],
  ['getMediaFile', call('getMediaFile', { path: 'media/a.png' }), 0],
  ['getDeployPreview', call('getDeployPreview', { collection: 'defis', slug: 'a' }), 0],
  ['persistEntry', call('persistEntry', { entry: entry('content/defis/a.md'), assets: [], options: workflow }), 0],
  ['persistEntry with an image', call('persistEntry', { entry: entry('content/defis/a.md'), assets: [image], options: workflow }), 0],
  ['persistEntry dataFiles', call('persistEntry', { dataFiles: [entry('content/defis/a.md')], assets: [], options: workflow }), 0],
  ['persistEntry not Markdown', call('persistEntry', { entry: entry('content/defis/a.html'), assets: [], options: workflow }), 422],
  ['persistEntry under media/', call('persistEntry', { entry: entry('media/a.md'), assets: [], options: workflow }), 422],
  ['persistEntry bad newPath', call('persistEntry', { entry: entry('content/defis/a.md', { newPath: 'content/../a.md' }), assets: [], options: workflow }), 422],
  ['persistEntry bad slug', call('persistEntry', { entry: entry('content/defis/a.md', { slug: '../a' }), assets: [], options: workflow }), 422],
  ['persistEntry no entry', call('persistEntry', { assets: [], options: workflow }), 422],
  ['persistEntry asset under content/', call('persistEntry', { entry: entry('content/defis/a.md'), assets: [{ ...image, path: 'content/a.png' }], options: workflow }), 422],
  ['persistEntry asset not base64', call('persistEntry', { entry: entry('content/defis/a.md'), assets: [{ ...image, encoding: 'utf8' }], options: workflow }), 422],
  ['persistEntry asset not an image', call('persistEntry', { entry: entry('content/defis/a.md'), assets: [{ ...image, content: b64('<html>') }], options: workflow }), 415],
  ['persistMedia', call('persistMedia', { asset: image, options: commit }), 0],
  ['persistMedia SVG', call('persistMedia', { asset: svg, options: commit }), 0],
  ['persistMedia HTML named .png', call('persistMedia', { asset: { ...image, content: b64('<html><script>x</script>') }, options: commit }), 415],
  ['persistMedia .html', call('persistMedia', { asset: { ...image, path: 'media/a.html' }, options: commit }), 415],
  ['persistMedia no asset', call('persistMedia', { options: commit }), 422],
  ['deleteFile', call('deleteFile', { path: 'media/a.png', options: commit }), 0],
  ['deleteFile package.json', call('deleteFile', { path: 'package.json', options: commit }), 422],
  ['deleteFiles', call('deleteFiles', { paths: ['media/a.png', 'content/a.md'], options: commit }), 0],
  ['deleteFiles empty', call('deleteFiles', { paths: [], options: commit }), 422],
  ['deleteFiles one bad', call('deleteFiles', { paths: ['media/a.png', '.git/HEAD'], options: commit }), 422],
  ['deleteUnpublishedEntry', call('deleteUnpublishedEntry', { collection: 'defis', slug: 'a' }), 0],
  ['deleteUnpublishedEntry bad collection', call('deleteUnpublishedEntry', { collection: '-x', slug: 'a' }), 422],
  ['updateUnpublishedEntryStatus', call('updateUnpublishedEntryStatus', { collection: 'defis', slug: 'a', newStatus: 'pending_review' }), 0],
  ['publishUnpublishedEntry', call('publishUnpublishedEntry', { collection: 'defis', slug: 'a' }), 0],
  ['publishUnpublishedEntry bad slug', call('publishUnpublishedEntry', { collection: 'defis', slug: 'a b' }), 422],
];

/** The hand-written checks handed these to decap-server, whose joi schema refuses them (422): the gate refuses them first. */
const JOI_REQUIRES: [string, unknown][] = [
  ['publish without its key', call('publishUnpublishedEntry', {})],
  ['entriesByFolder without depth', call('entriesByFolder', { folder: 'content', extension: 'md' })],
  ['entriesByFiles with bare strings', call('entriesByFiles', { files: ['content/a.md'] })],
  ['persistEntry without options', call('persistEntry', { entry: entry('content/defis/a.md'), assets: [] })],
  ['persistEntry without raw', call('persistEntry', { entry: { slug: 'a', path: 'content/defis/a.md' }, assets: [], options: workflow })],
  ['deleteFile without options', call('deleteFile', { path: 'media/a.png' })],
  ['status without newStatus', call('updateUnpublishedEntryStatus', { collection: 'defis', slug: 'a' })],
];

const statusOf = (r: ReturnType<typeof checkCall>) => ('status' in r ? r.status : 0);

describe('action schemas: parseCall and the gate on the same inputs', () => {
  it.each(SAME)('%s', (name, body, expected) => {
    const gate = checkCall(body, B);
    const parsed = parseCall(body, B);
    expect(statusOf(gate)).toBe(expected);
    expect(parsed.ok ? 0 : parsed.refusal.status).toBe(expected);
    if (!parsed.ok) expect(parsed.refusal.error).toMatch(/^(Requête|Fichier) .*refusée? ?:/);
    if (!parsed.ok) expect(gate).toEqual(parsed.refusal);
    // Accepted: the call goes to decap-server as it came (unknown keys kept); an SVG is sanitised.
    if (parsed.ok) expect(gate).toEqual(parsed.call);
    if (parsed.ok && name !== 'persistMedia SVG') expect(parsed.call).toEqual(body);
  });

  it.each(JOI_REQUIRES)('%s: refused at once (422), not by decap-server', (_name, body) => {
    expect(statusOf(checkCall(body, B))).toBe(422);
    const parsed = parseCall(body, B);
    expect(parsed.ok ? 0 : parsed.refusal.status).toBe(422);
  });

  it('gives typed params and French refusals naming the param', () => {
    const parsed = parseCall(call('getEntry', { path: 'content/defis/a.md' }), B);
    if (!parsed.ok || parsed.call.action !== 'getEntry') throw new Error('getEntry refused');
    expect(parsed.call.params.path).toBe('content/defis/a.md');
    const refused = parseCall(call('deleteFile', { path: '.git/config', options: commit }), B);
    expect(refused).toEqual({ ok: false, refusal: { status: 422, error: 'Requête refusée : fichier « .git/config » : fichier ou dossier caché interdit.' } });
    const svgCall = parseCall(call('persistMedia', { asset: svg, options: commit }), B);
    if (!svgCall.ok || svgCall.call.action !== 'persistMedia') throw new Error('SVG refused');
    expect(Buffer.from(svgCall.call.params.asset.content, 'base64').toString()).not.toMatch(/script|onload/);
  });
});
