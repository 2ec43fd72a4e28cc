import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { teamConfig } from '../../backoffice/team/config.ts';
import { editorOf, parseEditors } from '../../backoffice/team/editors.ts';
import { roleNeeded, roleRefusal } from '../../backoffice/team/roles.ts';
import { sessionStore } from '../../backoffice/team/session.ts';
import { parseCall } from '../../backoffice/actions/parse.ts';

const env = {
  BACKOFFICE_URL: 'https://back-office.exemple.gouv.fr', SITE_URL: 'https://site.exemple.gouv.fr',
  OIDC_ISSUER: 'https://identite.exemple.gouv.fr/api/v2', OIDC_CLIENT_ID: 'eig', OIDC_CLIENT_SECRET: 's',
  SESSION_SECRET: 'x'.repeat(32), EDITORS_FILE: '/etc/eig/editeurs.yml',
};

describe('team configuration (issue #20 contract)', () => {
  it('accepts a production environment, with the defaults', () => {
    const r = teamConfig(env);
    expect(r.ok).toBe(true);
    if (r.ok) expect([r.config.content.branch, r.config.port, r.config.backofficeUrl.origin]).toEqual(['main', 4322, 'https://back-office.exemple.gouv.fr']);
  });
  it.each([
    [{ OIDC_ISSUER: undefined }, 'OIDC_ISSUER'],
    [{ OIDC_ISSUER: 'http://identite.exemple.gouv.fr' }, 'https://'],
    [{ BACKOFFICE_URL: 'http://back-office.exemple.gouv.fr' }, 'https://'],
    [{ SESSION_SECRET: 'court' }, '32 octets'],
    [{ EDITORS_FILE: '' }, 'EDITORS_FILE'],
    [{ BACKOFFICE_URL: 'https://b.exemple.gouv.fr/admin/' }, 'sans chemin'],
    [{ PUBLISH_DIR: '/srv/eig', DEPLOY_COMMAND: 'rclone sync /srv/eig/current cdn:' }, 'sans arguments'],
    [{ DEPLOY_COMMAND: '/usr/local/bin/eig-deploy' }, 'DEPLOY_COMMAND demande PUBLISH_DIR'],
  ])('refuses %o with one French line naming it', (patch, word) => {
    const r = teamConfig({ ...env, ...patch });
    expect(r.ok).toBe(false);
    if (!r.ok) { expect(r.error).toContain(word); expect(r.error).toMatch(/^Back-office non démarré : [^\n]+\.$/); }
  });
  it('takes PUBLISH_DIR and a deploy program', () => {
    const r = teamConfig({ ...env, PUBLISH_DIR: '/srv/eig', DEPLOY_COMMAND: '/usr/local/bin/eig-deploy' });
    expect(r.ok && [r.config.publishDir, r.config.deployCommand]).toEqual(['/srv/eig', '/usr/local/bin/eig-deploy']);
  });
  it('allows http:// for loopback only', () => {
    expect(teamConfig({ ...env, OIDC_ISSUER: 'http://127.0.0.1:5601', BACKOFFICE_URL: 'http://127.0.0.1:5600' }).ok).toBe(true);
    expect(teamConfig({ ...env, OIDC_ISSUER: 'http://127.0.0.2:5601' }).ok).toBe(false);
  });
});

describe('editors file', () => {
  const yaml = '- email: Camille@Exemple.gouv.fr\n  role: publication\n  name: Camille Martin\n- email: dominique@exemple.gouv.fr\n  role: administration\n- domain: exemple.gouv.fr\n';
  it('gives each address its role, the domain redaction, others nothing', () => {
    const r = parseEditors(yaml, 'editeurs.yml');
    if (!r.ok) throw new Error(r.error);
    expect(editorOf(r.editors, 'camille@exemple.gouv.fr')).toEqual({ email: 'camille@exemple.gouv.fr', role: 'publication', name: 'Camille Martin' });
    expect(editorOf(r.editors, 'autre@exemple.gouv.fr')?.role).toBe('redaction');
    expect(editorOf(r.editors, 'x@ailleurs.fr')).toBeUndefined();
  });
  it('names file, line and field of a bad entry', () => {
    const r = parseEditors('- email: a@b.fr\n  role: redaction\n- email: c@d.fr\n  role: chef\n', 'editeurs.yml');
    expect(r).toEqual({ ok: false, error: 'editeurs.yml:3: role : rôle inconnu (redaction, publication, administration)' });
    expect(parseEditors('- email: pas-une-adresse\n  role: redaction\n', 'e.yml')).toMatchObject({ ok: false, error: 'e.yml:1: email : adresse e-mail invalide' });
  });
});

describe('roles over decap-server calls', () => {
  const base = { branch: 'main' };
  const call = (action: string, params: Record<string, unknown>) => {
    const r = parseCall({ action, params: { ...base, ...params } }, 'main');
    if (!r.ok) throw new Error(r.refusal.error);
    return r.call;
  };
  const draft = call('persistEntry', { entry: { slug: 'x', path: 'content/defis/x.md', raw: '---\n---\n' }, assets: [], options: { commitMessage: 'm', useWorkflow: true, status: 'draft' } });
  const direct = call('persistEntry', { entry: { slug: 'x', path: 'content/defis/x.md', raw: '---\n---\n' }, assets: [], options: { commitMessage: 'm', useWorkflow: false, status: 'draft' } });
  const publish = call('publishUnpublishedEntry', { collection: 'defis', slug: 'x' });
  const review = call('updateUnpublishedEntryStatus', { collection: 'defis', slug: 'x', newStatus: 'pending_review' });
  const ready = call('updateUnpublishedEntryStatus', { collection: 'defis', slug: 'x', newStatus: 'pending_publish' });
  const remove = call('deleteFile', { path: 'content/defis/x.md', options: { commitMessage: 'm' } });
  it('redaction: drafts and review, not ready, publish, delete, nor a direct write', () => {
    expect([draft, review].map((c) => roleRefusal('redaction', c))).toEqual([undefined, undefined]);
    for (const c of [ready, publish, remove, direct]) {
      const r = roleRefusal('redaction', c);
      expect(r?.status).toBe(403);
      expect(r?.error).toMatch(/^Action refusée : votre rôle \(rédaction\) ne permet pas de .+ publication/);
    }
  });
  it('publication and administration may do all of it', () => {
    for (const role of ['publication', 'administration'] as const) for (const c of [draft, review, ready, publish, remove, direct]) expect(roleRefusal(role, c)).toBeUndefined();
    expect(roleNeeded(call('getMedia', { mediaFolder: 'media' }))).toBe('redaction');
  });
});

describe('session store', () => {
  const req = (cookie?: string) => ({ headers: cookie ? { cookie } : {} }) as IncomingMessage;
  const valueOf = (setCookie: string) => setCookie.split(';')[0]!;
  it('a signed random id, idle and absolute expiry, Secure and __Host- when https', () => {
    let t = 0;
    const s = sessionStore<{ who: string }>('s', 'k'.repeat(32), true, { idleMs: 100, absoluteMs: 250 }, () => t);
    const id = s.create({ who: 'a' });
    const cookie = s.cookie(id);
    expect(cookie).toMatch(/^__Host-s=[\w-]{43}\.[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Secure/);
    expect(s.read(req(valueOf(cookie)))).toMatchObject({ data: { who: 'a' } });
    expect(s.read(req(`__Host-s=${id}.forged`))).toEqual({ expired: false });
    t = 90; expect('data' in s.read(req(valueOf(cookie)))).toBe(true);
    t = 180; expect('data' in s.read(req(valueOf(cookie)))).toBe(true);
    t = 260; expect(s.read(req(valueOf(cookie)))).toEqual({ expired: true });
    const other = s.create({ who: 'b' });
    t = 400; expect(s.read(req(valueOf(s.cookie(other))))).toEqual({ expired: true });
    expect(s.create({ who: 'c' })).not.toBe(s.create({ who: 'c' }));
  });
});
