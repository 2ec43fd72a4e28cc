/**
 * One schema per decap-server action (reads.ts, writes.ts), a discriminated union on `action`:
 * `parseCall` parses an API body once and gives a call with typed params, or the refusal the
 * editor reads (French, with its HTTP status). Uploads then go through the gate's `checkAsset`
 * (a medium of the site by name and content, SVG sanitised). The gate (gate/gate.ts) parses each
 * call once with it; the guard and the API's handlers receive the typed call.
 */
import { z } from 'astro/zod';
import { checkAsset } from './assets.ts';
import { shown as visible } from './names.ts';
import { refusal, type GuardRefusal } from '../refusal.ts';
import { isWrite, type Action, type WriteAction } from './kinds.ts';
import { readActions } from './reads.ts';
import { writeActions } from './writes.ts';

const schemas = (branch: string) => z.discriminatedUnion('action', [
  z.object({ action: z.literal('info') }),
  ...readActions(branch),
  ...writeActions(branch),
]);

/** An accepted call: `action` and the params that action takes. */
export type TypedCall = z.infer<ReturnType<typeof schemas>>;
export type ActionName = TypedCall['action'];
/** A call that writes: what the publication guard's `beforeAction` receives. */
export type WriteCall = Extract<TypedCall, { action: WriteAction }>;

/** Whether a call writes (narrows it to the write actions' params). */
export const isWriteCall = (call: TypedCall): call is WriteCall => isWrite(call.action);

/** The schemas and the lists of kinds.ts name the same actions (a compile-time check). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameActions: Same<ActionName, Action> = true;
void sameActions;

/** The schema of a branch, made once (calls name one branch: the published one). */
const cache = new Map<string, ReturnType<typeof schemas>>();
const schemaOf = (branch: string) => {
  let s = cache.get(branch);
  if (!s) { s = schemas(branch); cache.set(branch, s); }
  return s;
};

/** French names of the params an editor may see in a refusal. */
const LABELS: Record<string, string> = {
  folder: 'dossier', mediaFolder: 'dossier des médias', path: 'fichier', paths: 'fichier', files: 'fichier', id: 'id',
  entry: 'entrée', dataFiles: 'entrée', newPath: 'nouveau chemin', assets: 'fichier envoyé', asset: 'fichier envoyé',
  collection: 'collection', slug: 'slug', cmsLabelPrefix: 'cmsLabelPrefix', branch: 'branche', options: 'options',
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The refusal of a zod issue: which param (its French name, and the value when short), what is wrong. */
function refusalOf(issue: z.ZodIssue, body: Record<string, unknown>): GuardRefusal {
  if (issue.path.length === 1 && issue.path[0] === 'params') return refusal(422, 'Requête refusée : paramètres manquants.');
  const names = issue.path.filter((p): p is string => typeof p === 'string' && p !== 'params');
  const field = names.at(-1) ?? 'paramètres';
  let value: unknown = body;
  for (const p of issue.path) value = isObject(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[p] : undefined;
  // Invisible characters spelt out (« U+200E »), as the gate's other refusals do.
  const shown = typeof value === 'string' ? ` « ${visible(value)} »` : '';
  const problem = issue.code === z.ZodIssueCode.custom || issue.code === z.ZodIssueCode.invalid_string || issue.code === z.ZodIssueCode.too_small || field === 'branch'
    ? issue.message : value === undefined ? 'valeur manquante' : 'valeur invalide';
  if (field === 'branch') return refusal(422, `Requête refusée : ${problem}.`);
  // An entry's own path is named « entrée » (its file), as in every refusal of a save.
  const label = field === 'path' && (names.includes('entry') || names.includes('dataFiles')) ? 'entrée' : LABELS[field] ?? field;
  return refusal(422, `Requête refusée : ${label}${shown} : ${problem}.`);
}

/**
 * Parses an API body. `branch`: the only branch calls may name. Returns the call to hand to
 * decap-server (uploads checked, SVG sanitised) or a refusal: 400 without an action, 422 for an
 * unknown action or a param the action's schema refuses, 415 for an upload that is not a
 * medium of the site.
 */
export function parseCall(body: unknown, branch: string): { ok: true; call: TypedCall } | { ok: false; refusal: GuardRefusal } {
  if (!isObject(body) || typeof body['action'] !== 'string') return { ok: false, refusal: refusal(400, 'Requête refusée : action manquante.') };
  if (body['action'] === 'info') return { ok: true, call: { action: 'info' } };
  const parsed = schemaOf(branch).safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    if (issue.code === z.ZodIssueCode.invalid_union_discriminator) return { ok: false, refusal: refusal(422, `Requête refusée : action inconnue (${body['action'].slice(0, 60)}).`) };
    return { ok: false, refusal: refusalOf(issue, body) };
  }
  const call = parsed.data;
  // The bytes of uploads: a medium of the site (name and content), SVG sanitised.
  if (call.action === 'persistMedia') {
    const r = checkAsset(call.params.asset);
    if (!('asset' in r)) return { ok: false, refusal: r };
    return { ok: true, call: { ...call, params: { ...call.params, asset: { ...call.params.asset, content: String(r.asset['content']) } } } };
  }
  if (call.action === 'persistEntry') {
    const assets = [];
    for (const a of call.params.assets) {
      const r = checkAsset(a);
      if (!('asset' in r)) return { ok: false, refusal: r };
      assets.push({ ...a, content: String(r.asset['content']) });
    }
    return { ok: true, call: { ...call, params: { ...call.params, assets } } };
  }
  return { ok: true, call };
}
