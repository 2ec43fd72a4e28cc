/**
 * /admin/guide/<name>.png — the screenshots of the editors' guide (docs/guide-editeur/*.png, made
 * by `npm run guide:screenshots`), beside the guide's page (../guide.astro).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { APIRoute, GetStaticPaths } from 'astro';

const FOLDER = 'docs/guide-editeur';

export const getStaticPaths: GetStaticPaths = () =>
  readdirSync(FOLDER).filter((f) => f.endsWith('.png')).map((f) => ({ params: { shot: f.replace(/\.png$/, '') } }));

export const GET: APIRoute = ({ params }) =>
  new Response(readFileSync(`${FOLDER}/${String(params['shot'])}.png`), { headers: { 'Content-Type': 'image/png' } });
