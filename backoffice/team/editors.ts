/**
 * The editors' list (EDITORS_FILE, YAML, kept outside content/ and media/ so that nobody edits
 * it through the back-office):
 *
 *   - email: camille.martin@exemple.gouv.fr
 *     role: publication
 *     name: Camille Martin      # optional: the commits' author name (else the provider's)
 *   - domain: exemple.gouv.fr   # optional: any address of this domain gets « redaction »
 *
 * Read again on each sign-in (an administrator edits the file, no restart). A bad file is
 * refused with its French problem (line, field), never half-read.
 */
import { readFileSync } from 'node:fs';
import { z } from 'astro/zod';
import { LineCounter, parseDocument } from 'yaml';
import { ROLES, type Role } from './roles.ts';

export interface Editor { email: string; role: Role; name?: string | undefined }
export interface Editors { people: Editor[]; domains: string[] }

const email = z.string().trim().toLowerCase().email('adresse e-mail invalide');
const person = z.object({ email, role: z.enum(ROLES, { errorMap: () => ({ message: `rôle inconnu (${ROLES.join(', ')})` }) }), name: z.string().trim().min(1).optional() }).strict();
const domain = z.object({ domain: z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'domaine invalide') }).strict();
/** An entry with `domain` is a domain; any other a person. */
const entry = (v: unknown) => (typeof v === 'object' && v !== null && 'domain' in v ? domain : person).safeParse(v);

/** The list from the YAML text, or the French problem (`file:line: field: problem`). */
export function parseEditors(text: string, file: string): { ok: true; editors: Editors } | { ok: false; error: string } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    return { ok: false, error: `${file}:${e.linePos?.[0].line ?? 1}: YAML invalide : ${e.message.split('\n')[0]}` };
  }
  const data: unknown = doc.toJS();
  if (!Array.isArray(data)) return { ok: false, error: `${file}:1: une liste est attendue (« - email: … » puis « role: … »)` };
  const editors: Editors = { people: [], domains: [] };
  for (const [i, item] of data.entries()) {
    const node = doc.getIn([i], true) as { range?: [number, number, number] } | undefined;
    const line = node?.range ? lines.linePos(node.range[0]).line : 1;
    const r = entry(item);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      const field = issue.path.join('.') || 'entrée';
      const message = issue.code === z.ZodIssueCode.invalid_type && !issue.path.length ? 'entrée attendue : « email » et « role » (et « name »), ou « domain »'
        : issue.code === z.ZodIssueCode.unrecognized_keys ? `champ inconnu (${issue.keys.join(', ')})`
          : issue.code === z.ZodIssueCode.invalid_type && issue.received === 'undefined' ? 'champ manquant' : issue.message;
      return { ok: false, error: `${file}:${line}: ${field} : ${message}` };
    }
    if ('domain' in r.data) editors.domains.push(r.data.domain);
    else if (editors.people.some((p) => p.email === (r.data as Editor).email)) return { ok: false, error: `${file}:${line}: email : « ${r.data.email} » figure deux fois` };
    else editors.people.push(r.data);
  }
  return { ok: true, editors };
}

export function readEditors(file: string): { ok: true; editors: Editors } | { ok: false; error: string } {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) {
    return { ok: false, error: `${file} : liste des éditeurs illisible (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
  }
  return parseEditors(text, file);
}

/** The role of an address: its own entry, else its domain's (redaction), else none. */
export function editorOf(editors: Editors, address: string): Editor | undefined {
  const a = address.trim().toLowerCase();
  const own = editors.people.find((p) => p.email === a);
  if (own) return own;
  const domain = a.split('@')[1];
  return domain && editors.domains.includes(domain) ? { email: a, role: 'redaction' } : undefined;
}

/** Whom to ask for access: the administrators (names and addresses). */
export const administrators = (editors: Editors): Editor[] => editors.people.filter((p) => p.role === 'administration');
