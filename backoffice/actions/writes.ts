/** The write actions of decap-server 3.11, one schema each (see fields.ts). */
import { z } from 'astro/zod';
import { BOTH, asset, base, commitOptions, draftKey, entryPath, key, repoPath } from './fields.ts';

/** One file of an entry: its path (and new path, when renamed) under content/, as Markdown. */
const entryFile = z.object({ slug: key, path: entryPath, raw: z.string(), newPath: entryPath.optional() }).passthrough();

export const writeActions = (branch: string) => {
  const params = base(branch);
  return [
    z.object({
      action: z.literal('persistEntry'),
      params: params.extend({
        entry: entryFile.optional(),
        dataFiles: z.array(entryFile).optional(),
        assets: z.array(asset),
        options: z.object({ collectionName: z.string().optional(), commitMessage: z.string(), useWorkflow: z.boolean(), status: z.string() }).passthrough(),
      }).refine((p) => (p.entry === undefined) !== (p.dataFiles === undefined), { message: 'entrée manquante (entry ou dataFiles, pas les deux)', path: ['entry'] }),
    }),
    z.object({ action: z.literal('persistMedia'), params: params.extend({ asset, options: commitOptions }) }),
    z.object({ action: z.literal('deleteFile'), params: params.extend({ path: repoPath(BOTH), options: commitOptions }) }),
    z.object({ action: z.literal('deleteFiles'), params: params.extend({ paths: z.array(repoPath(BOTH)).min(1, 'liste attendue'), options: commitOptions }) }),
    z.object({ action: z.literal('deleteUnpublishedEntry'), params: params.extend(draftKey) }),
    z.object({ action: z.literal('updateUnpublishedEntryStatus'), params: params.extend({ ...draftKey, newStatus: z.string() }) }),
    z.object({ action: z.literal('publishUnpublishedEntry'), params: params.extend(draftKey) }),
  ] as const;
};
