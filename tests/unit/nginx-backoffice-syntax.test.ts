/**
 * deploy/nginx-backoffice.conf as an operator installs it (README « Production checklist »),
 * listen lines and TLS directives included, accepted by `nginx -t` of the nginx installed here
 * (Debian 12: 1.22, which has no `http2 on;` directive). Only the certificate paths are changed,
 * to a self-signed pair made here; `nginx -t` binds no port. tests/deploy/nginx-backoffice.test.ts
 * serves through it (with its listen lines swapped for loopback ones). A unit test: no build, no port.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NGINX, ensureNginx } from '../helpers/nginx.ts';

const available = ensureNginx();
const dir = mkdtempSync(join(tmpdir(), 'eig-nginx-syntax-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!available.ok)('deploy/nginx-backoffice.conf as installed', () => {
  it('passes nginx -t with its own listen, http2 and TLS lines', () => {
    const cert = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=back-office.exemple.gouv.fr',
      '-keyout', join(dir, 'privkey.pem'), '-out', join(dir, 'fullchain.pem')], { encoding: 'utf8' });
    expect(cert.status, cert.stderr).toBe(0);
    const site = readFileSync(resolve('deploy/nginx-backoffice.conf'), 'utf8');
    expect(site).toContain('/etc/ssl/eig-backoffice/');
    writeFileSync(join(dir, 'site.conf'), site.replaceAll('/etc/ssl/eig-backoffice/', `${dir}/`));
    writeFileSync(join(dir, 'nginx.conf'), [
      `pid ${dir}/nginx.pid;`, `error_log ${dir}/error.log warn;`, 'events { worker_connections 64; }',
      'http {', `  access_log off;`, ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `  ${k}_temp_path ${dir}/${k};`),
      `  include ${dir}/site.conf;`, '}',
    ].join('\n'));
    const check = spawnSync(NGINX!, ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
    expect(check.stderr).toContain('test is successful');
    expect(check.status).toBe(0);
  });
});
