/**
 * The team back-office's environment (`npm run backoffice`), one zod schema: the contract of
 * issue #20 that operators and tests share. `teamConfig(env)` gives the configuration or ONE
 * French line saying which variable is missing or unsafe (the server then refuses to start).
 * Unsafe: an `http://` issuer or back-office URL that is not loopback (127.0.0.1, localhost,
 * [::1]: tests and a single machine), a session secret under 32 bytes.
 */
import { z } from 'astro/zod';
import { resolve } from 'node:path';

export interface TeamConfig {
  /** Public URL of the back-office, no trailing slash; the login callback is `${backofficeUrl}/auth/callback`. */
  backofficeUrl: URL;
  siteUrl: string;
  oidc: { issuer: URL; clientId: string; clientSecret: string };
  sessionSecret: string;
  editorsFile: string;
  content: { remote?: string | undefined; branch: string };
  publishDir?: string | undefined;
  /** A program run after each swap of PUBLISH_DIR/current, with the new build's folder (publish/live-dir.ts). */
  deployCommand?: string | undefined;
  port: number;
  dataDir: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
export const isLoopback = (u: URL): boolean => LOOPBACK.has(u.hostname);

/** A URL that must be https unless it names this machine. */
const safeUrl = (what: string) => z.string({ required_error: `${what} manquant` }).min(1, `${what} manquant`)
  .transform((v, ctx) => {
    let u: URL;
    try { u = new URL(v); } catch { ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${what} : adresse invalide (« ${v.slice(0, 80)} »)` }); return z.NEVER; }
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopback(u))) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${what} : « ${v.slice(0, 80)} » doit commencer par https:// (http:// n’est accepté que pour 127.0.0.1 ou localhost)` });
      return z.NEVER;
    }
    return u;
  });
const required = (what: string) => z.string({ required_error: `${what} manquant` }).trim().min(1, `${what} manquant`);

const schema = z.object({
  BACKOFFICE_URL: safeUrl('BACKOFFICE_URL (adresse publique du back-office)').refine((u) => u.pathname === '/' && !u.search && !u.hash, 'BACKOFFICE_URL : donnez l’origine seule, sans chemin (ex. https://back-office.exemple.gouv.fr)'),
  SITE_URL: safeUrl('SITE_URL (adresse publique du site)').transform((u) => u.href.replace(/\/$/, '')),
  OIDC_ISSUER: safeUrl('OIDC_ISSUER (fournisseur d’identité OpenID Connect)'),
  OIDC_CLIENT_ID: required('OIDC_CLIENT_ID'),
  OIDC_CLIENT_SECRET: required('OIDC_CLIENT_SECRET'),
  SESSION_SECRET: required('SESSION_SECRET').refine((s) => Buffer.byteLength(s) >= 32, 'SESSION_SECRET : 32 octets au moins (par exemple : openssl rand -base64 48)'),
  EDITORS_FILE: required('EDITORS_FILE (liste des éditeurs et de leurs rôles)'),
  CONTENT_REMOTE: z.string().trim().optional(),
  CONTENT_BRANCH: z.string().trim().regex(/^[A-Za-z0-9._/-]{1,100}$/, 'CONTENT_BRANCH : nom de branche invalide').default('main'),
  PUBLISH_DIR: z.string().trim().optional(),
  // A program, run without a shell: arguments and pipes belong in a script of the operator's.
  DEPLOY_COMMAND: z.string().trim().regex(/^[^\s\0]+$/, 'DEPLOY_COMMAND : le chemin d’un programme est attendu, sans arguments (mettez la commande complète dans un script)').optional(),
  PORT: z.string().trim().regex(/^\d{1,5}$/, 'PORT : un numéro de port est attendu').default('4322').transform(Number).refine((p) => p > 0 && p < 65536, 'PORT : entre 1 et 65535'),
  CMS_DATA_DIR: z.string().trim().min(1).default('.data/backoffice'),
});

/** The variables of the contract, from the schema (README's table and deploy/eig-backoffice.env name the same). */
export const TEAM_ENV: readonly { name: string; required: boolean }[] = Object.entries(schema.shape).map(([name, type]) => ({ name, required: !type.isOptional() }));

/** The configuration, or the one French line that says why the server does not start. */
export function teamConfig(env: NodeJS.ProcessEnv): { ok: true; config: TeamConfig } | { ok: false; error: string } {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `Back-office non démarré : ${issue.message}.` };
  }
  const e = parsed.data;
  if (e.DEPLOY_COMMAND && !e.PUBLISH_DIR) return { ok: false, error: 'Back-office non démarré : DEPLOY_COMMAND demande PUBLISH_DIR (le dossier du site public).' };
  return {
    ok: true,
    config: {
      backofficeUrl: e.BACKOFFICE_URL, siteUrl: e.SITE_URL,
      oidc: { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET },
      sessionSecret: e.SESSION_SECRET, editorsFile: resolve(e.EDITORS_FILE),
      content: { remote: e.CONTENT_REMOTE || undefined, branch: e.CONTENT_BRANCH },
      publishDir: e.PUBLISH_DIR ? resolve(e.PUBLISH_DIR) : undefined,
      deployCommand: e.DEPLOY_COMMAND || undefined,
      port: e.PORT, dataDir: resolve(e.CMS_DATA_DIR),
    },
  };
}
