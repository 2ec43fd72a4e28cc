/**
 * Uploaded files (persistMedia, persistEntry's assets): under media/, base64, a medium of the site
 * by name and content (src/lib/media-types.ts); SVG sanitised and re-encoded.
 */
import { mediaProblem, extensionOf } from '../../src/lib/media-types.ts';
import { sanitizeSvg } from '../../src/lib/svg-sanitize.ts';
import { pathProblem, shown } from './names.ts';
import { refusal, type GuardRefusal } from '../refusal.ts';

const MEDIA = ['media'] as const;
type Params = Record<string, unknown>;
const isObject = (v: unknown): v is Params => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An uploaded file: under media/, base64, a medium of the site by name and content; SVG sanitised. */
export function checkAsset(asset: unknown): { asset: Params } | GuardRefusal {
  if (!isObject(asset)) return refusal(422, 'Requête refusée : fichier envoyé invalide.');
  const where = pathProblem(asset['path'], MEDIA);
  const name = shown(asset['path']);
  if (where) return refusal(422, `Fichier « ${name} » refusé : ${where}.`);
  if (asset['encoding'] !== 'base64' || typeof asset['content'] !== 'string') return refusal(422, `Fichier « ${name} » refusé : contenu attendu en base64.`);
  const bytes = Buffer.from(asset['content'], 'base64');
  const problem = mediaProblem(String(asset['path']), bytes);
  if (problem) return refusal(415, `Fichier « ${name} » refusé : ${problem}.`);
  if (extensionOf(String(asset['path'])) !== '.svg') return { asset };
  const clean = sanitizeSvg(bytes.toString('utf8'));
  if ('problem' in clean) {
    const { line, column, reason } = clean.problem;
    return refusal(422, `Fichier « ${name} » refusé : SVG illisible, ligne ${line}, colonne ${column} : ${reason}.`);
  }
  return { asset: { ...asset, content: Buffer.from(clean.svg, 'utf8').toString('base64') } };
}
