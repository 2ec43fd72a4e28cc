/** /donnees/<data set>.json, .csv and .schema.json: the open data files (see lib/opendata). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { openDataFiles } from '../../lib/opendata/files.ts';
import { contentKey, contentSet } from '../../lib/content/repository.ts';
import { siteConfig } from '../../lib/site-env.ts';

let cached: { key: string; files: Record<string, string> } | undefined;
/**
 * Every open data file, computed once per version of the content (and site URL): the list of
 * paths and each file's response would otherwise compute them all again, seven times a render.
 */
function files(): Record<string, string> {
  contentSet(); // read recorded at each call: the files depend on the whole content set
  const key = `${contentKey()}\n${siteConfig().siteUrl}`;
  if (cached?.key !== key) cached = { key, files: openDataFiles() };
  return cached.files;
}

export const getStaticPaths = (() => Object.keys(files()).map((file) => ({ params: { file } }))) satisfies GetStaticPaths;

const TYPES: Record<string, string> = { json: 'application/json; charset=utf-8', csv: 'text/csv; charset=utf-8' };

export const GET: APIRoute = ({ params }) => {
  const name = String(params['file']);
  const body = files()[name];
  if (body === undefined) return new Response('Fichier inconnu', { status: 404 });
  return new Response(body, { headers: { 'Content-Type': TYPES[name.split('.').pop() ?? ''] ?? 'text/plain; charset=utf-8' } });
};
