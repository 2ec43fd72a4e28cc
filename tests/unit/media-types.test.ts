import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { MEDIA_TYPES } from '../../src/lib/media-types.ts';
import { CONTENT_TYPES } from '../../backoffice/server/static.ts';

/**
 * The site's media types are declared once (src/lib/media-types.ts); the production nginx
 * configuration and the local static server write them again in their own syntax. These tests
 * tie each copy to the declaration, so a type added or changed in one place fails here.
 */
const siteConf = readFileSync('deploy/nginx/site.conf', 'utf8');
const nginxConf = readFileSync('deploy/nginx.conf', 'utf8');

/** The `types { … }` block of nginx's `location /img/`, as extension (with the dot) → type. */
function nginxMediaTypes(): Record<string, string> {
  const location = /location \/img\/ \{([\s\S]*?)\n\}/.exec(siteConf)?.[1];
  const block = location && /types \{([^}]*)\}/.exec(location)?.[1];
  if (!block) throw new Error('deploy/nginx/site.conf : bloc types de location /img/ introuvable');
  const out: Record<string, string> = {};
  for (const line of block.split(';').map((l) => l.trim()).filter(Boolean)) {
    const [type, ...exts] = line.split(/\s+/);
    for (const ext of exts) out[`.${ext}`] = type!;
  }
  return out;
}

/** The pattern of nginx.conf's `$eig_media_disposition` map: the /img/ files displayed, not downloaded. */
function displayedPattern(): RegExp {
  const map = /map \$uri \$eig_media_disposition \{([\s\S]*?)\}/.exec(nginxConf)?.[1];
  const m = map && /~\*(\S+)\s+""/.exec(map);
  if (!m) throw new Error('deploy/nginx.conf : motif de $eig_media_disposition introuvable');
  return new RegExp(m[1]!, 'i');
}

describe('media types declared once', () => {
  it('nginx serves /img/ with exactly the types of MEDIA_TYPES', () => {
    expect(nginxMediaTypes()).toEqual(MEDIA_TYPES);
  });

  it('nginx displays exactly the media types under /img/ and downloads every other file', () => {
    const displayed = displayedPattern();
    for (const ext of Object.keys(MEDIA_TYPES)) expect(displayed.test(`/img/a${ext}`), ext).toBe(true);
    const others = [...Object.keys(CONTENT_TYPES), '.exe', '.htm', '.svgz', '.pdf.html'].filter((e) => !(e in MEDIA_TYPES));
    for (const ext of others) expect(displayed.test(`/img/a${ext}`), ext).toBe(false);
  });

  it('the local static server gives a media extension the type MEDIA_TYPES gives it', () => {
    const shared = Object.keys(CONTENT_TYPES).filter((e) => e in MEDIA_TYPES);
    expect(shared.length).toBeGreaterThan(0);
    for (const ext of shared) expect(CONTENT_TYPES[ext], ext).toBe(MEDIA_TYPES[ext]);
  });
});
