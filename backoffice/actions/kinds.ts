/**
 * Every action of decap-server 3.11 (dist/middlewares.js, its joi schema), reads first: the names
 * the schemas of reads.ts and writes.ts are keyed by (parse.ts checks at compile time that both
 * lists and the schemas agree).
 */
export const READ_ACTIONS = [
  'info', 'entriesByFolder', 'entriesByFiles', 'getEntry', 'unpublishedEntries', 'unpublishedEntry',
  'unpublishedEntryDataFile', 'unpublishedEntryMediaFile', 'getMedia', 'getMediaFile', 'getDeployPreview',
] as const;
export const WRITE_ACTIONS = [
  'persistEntry', 'persistMedia', 'deleteFile', 'deleteFiles', 'deleteUnpublishedEntry',
  'updateUnpublishedEntryStatus', 'publishUnpublishedEntry',
] as const;
export type ReadAction = (typeof READ_ACTIONS)[number];
export type WriteAction = (typeof WRITE_ACTIONS)[number];
export type Action = ReadAction | WriteAction;
export const isWrite = (action: string): action is WriteAction => (WRITE_ACTIONS as readonly string[]).includes(action);
