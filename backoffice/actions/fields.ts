/**
 * The pieces the action schemas (reads.ts, writes.ts) are made of: repository paths (the
 * gate's `pathProblem`: under content/ or media/, normalised, nothing hidden), collection and
 * slug keys (they become branch names `cms/<collection>/<slug>`), the label prefix, and the
 * base every action's params share. Mirrors decap-server 3.11's joi schema
 * (node_modules/decap-server/dist/middlewares.js, `defaultSchema`) with today's gate rules.
 */
import { z } from 'astro/zod';
import { keyProblem, pathProblem } from './names.ts';

export const CONTENT = ['content'] as const;
export const MEDIA = ['media'] as const;
export const BOTH = ['content', 'media'] as const;

/** A repository path under one of `roots` (`folder`: the root itself is allowed, a folder to list). */
export const repoPath = (roots: readonly string[], folder = false) => z.string().superRefine((v, ctx) => {
  const problem = pathProblem(v, roots, folder);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
});

/** A Markdown entry's path, under content/. */
export const entryPath = repoPath(CONTENT).refine((v) => /\.md$/.test(v), 'fichier Markdown (.md) attendu');

/** A collection name or slug. Letters may be accented: an existing file keeps its name as its slug. */
export const key = z.string().superRefine((v, ctx) => {
  const problem = keyProblem(v);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
});

/** A content key `collection/slug` (unpublishedEntry's `id`). */
export const contentKey = z.string().superRefine((v, ctx) => {
  const parts = v.split('/');
  const problem = parts.length === 2 ? keyProblem(parts[0]) ?? keyProblem(parts[1]) : 'identifiant invalide';
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
});

export const labelPrefix = z.string().regex(/^[A-Za-z0-9/_-]{0,40}$/, 'préfixe invalide');

export const commitOptions = z.object({ commitMessage: z.string() }).passthrough();

/** An uploaded file's shape; its bytes (a medium of the site, SVG sanitised) are the gate's `checkAsset`. */
export const asset = z.object({ path: repoPath(MEDIA), content: z.string(), encoding: z.literal('base64') }).passthrough();

/**
 * What every action's params carry: the branch (the only one calls may name: the published
 * one), and the keys the gate checks wherever they appear. Unknown keys are kept (decap-server
 * validates with `allowUnknown`) and handed on as they came.
 */
export const base = (branch: string) => z.object({
  branch: z.literal(branch, { errorMap: () => ({ message: `seule la branche ${branch} est accessible` }) }),
  collection: key.optional(),
  slug: key.optional(),
  cmsLabelPrefix: labelPrefix.optional(),
}).passthrough();

/** A draft's key (both required): the actions on one unpublished entry. */
export const draftKey = { collection: key, slug: key };
