/** /donnees/<data set>.json, .csv and .schema.json: the open data files (see lib/opendata). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { openDataFiles } from '../../lib/opendata/files.ts';

export const getStaticPaths = (() => Object.keys(openDataFiles()).map((file) => ({ params: { file } }))) satisfies GetStaticPaths;

const TYPES: Record<string, string> = { json: 'application/json; charset=utf-8', csv: 'text/csv; charset=utf-8' };

export const GET: APIRoute = ({ params }) => {
  const name = String(params['file']);
  const body = openDataFiles()[name];
  if (body === undefined) return new Response('Fichier inconnu', { status: 404 });
  return new Response(body, { headers: { 'Content-Type': TYPES[name.split('.').pop() ?? ''] ?? 'text/plain; charset=utf-8' } });
};
