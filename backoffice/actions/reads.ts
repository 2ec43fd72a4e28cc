/** The read actions of decap-server 3.11, one schema each (see fields.ts). */
import { z } from 'astro/zod';
import { BOTH, MEDIA, base, contentKey, draftKey, repoPath } from './fields.ts';

export const readActions = (branch: string) => {
  const params = base(branch);
  return [
    z.object({ action: z.literal('entriesByFolder'), params: params.extend({ folder: repoPath(BOTH, true), extension: z.string(), depth: z.number() }) }),
    z.object({ action: z.literal('entriesByFiles'), params: params.extend({ files: z.array(z.object({ path: repoPath(BOTH), label: z.string().optional() }).passthrough()) }) }),
    z.object({ action: z.literal('getEntry'), params: params.extend({ path: repoPath(BOTH) }) }),
    z.object({ action: z.literal('unpublishedEntries'), params }),
    z.object({ action: z.literal('unpublishedEntry'), params: params.extend({ id: contentKey.optional() }) }),
    z.object({ action: z.literal('unpublishedEntryDataFile'), params: params.extend({ ...draftKey, id: repoPath(BOTH), path: repoPath(BOTH) }) }),
    z.object({ action: z.literal('unpublishedEntryMediaFile'), params: params.extend({ ...draftKey, id: repoPath(BOTH), path: repoPath(BOTH) }) }),
    z.object({ action: z.literal('getMedia'), params: params.extend({ mediaFolder: repoPath(MEDIA, true) }) }),
    z.object({ action: z.literal('getMediaFile'), params: params.extend({ path: repoPath(BOTH) }) }),
    z.object({ action: z.literal('getDeployPreview'), params: params.extend(draftKey) }),
  ] as const;
};
