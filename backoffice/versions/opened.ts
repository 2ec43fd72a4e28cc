/**
 * No lost update (issue #21): the call queue (api/calls.ts) asks these hooks, one call at a
 * time, so the repository does not move between a check and its write.
 * - `record`, after a call decap-server answered: what the session now has of each file. Reads
 *   that open an entry or a medium record the version they returned (getEntry on the published
 *   branch, unpublishedEntryDataFile / unpublishedEntryMediaFile on the draft's, getMediaFile,
 *   getMedia for the media library); a successful write records the versions it made. Listings
 *   (entriesByFolder, entriesByFiles, unpublishedEntries, unpublishedEntry) record nothing:
 *   Decap lists again while a form is open, and the form still holds what it opened.
 * - `check`, before a write: refused (409, stale.ts) when a file it would change is stored now
 *   in another version than the one its session opened; a new entry over an existing file, and
 *   an upload over a file its session did not open in that version, too.
 */
import type { TypedCall, WriteCall } from '../actions/parse.ts';
import type { GuardRefusal } from '../refusal.ts';
import type { VersionHooks } from '../api/hooks.ts';
import { repoState, type Refs } from './git-state.ts';
import type { OpenedStore } from './sessions.ts';
import { blobId, conflictRefusal, staleFile, staleUpload, takenPath } from './stale.ts';

const draftBranch = (collection: string, slug: string) => `cms/${collection}/${slug}`;

/** What a write is about: its files, uploads, the draft it works on, whether it creates an entry. */
interface Target { paths: string[]; uploads: { path: string; blob: string }[]; branch?: string | undefined; newEntry: boolean }

function targetOf(call: WriteCall): Target {
  switch (call.action) {
    case 'persistEntry': {
      const p = call.params;
      const files = p.dataFiles ?? (p.entry ? [p.entry] : []);
      const collection = p.options.collectionName;
      return {
        paths: files.map((f) => f.path),
        uploads: p.assets.map((a) => ({ path: a.path, blob: blobId(Buffer.from(a.content, 'base64')) })),
        branch: p.options.useWorkflow && collection && files[0] ? draftBranch(collection, files[0].slug) : undefined,
        newEntry: p.options['newEntry'] === true,
      };
    }
    case 'persistMedia':
      return { paths: [], uploads: [{ path: call.params.asset.path, blob: blobId(Buffer.from(call.params.asset.content, 'base64')) }], newEntry: false };
    case 'deleteFile': return { paths: [call.params.path], uploads: [], newEntry: false };
    case 'deleteFiles': return { paths: call.params.paths, uploads: [], newEntry: false };
    default: return { paths: [], uploads: [], branch: draftBranch(call.params.collection, call.params.slug), newEntry: false };
  }
}

export function versionHooks(repoDir: string, store: OpenedStore): VersionHooks {
  const state = repoState(repoDir);

  /**
   * Where each file lives now and its blob there: the draft `prefer` when it changes the file,
   * else any draft that does (first by name), else the published branch.
   */
  const stored = async (refs: Refs, paths: readonly string[], prefer?: string) => {
    const drafts = [...refs.drafts.keys()].sort();
    const touched = new Map(await Promise.all(drafts.map(async (b) => [b, await state.touched(refs, b)] as const)));
    const where = new Map<string, string>();
    for (const path of paths) {
      const draft = prefer && touched.get(prefer)?.has(path) ? prefer : drafts.find((b) => touched.get(b)!.has(path));
      where.set(path, draft ?? 'main');
    }
    const rev = (ref: string) => (ref === 'main' ? refs.main : refs.drafts.get(ref)!);
    const blobs = await state.blobs(paths.map((p) => `${rev(where.get(p)!)}:${p}`));
    const now = new Map<string, string | null>(paths.map((p) => [p, blobs.get(`${rev(where.get(p)!)}:${p}`) ?? null]));
    return { now, where };
  };

  return {
    async check(call, session): Promise<GuardRefusal | undefined> {
      if (!session) return undefined;
      const refs = await state.refs();
      const t = targetOf(call);
      const paths = t.paths.length || t.uploads.length ? t.paths : t.branch ? [...await state.touched(refs, t.branch)] : [];
      const { now, where } = await stored(refs, [...paths, ...t.uploads.map((u) => u.path)], t.branch);
      const opened = (path: string) => store.get(session, path);
      const conflict = (t.newEntry ? takenPath(paths, opened, now) : staleFile(paths, opened, now)) ?? staleUpload(t.uploads, opened, now);
      if (!conflict) return undefined;
      const change = await state.lastChange(where.get(conflict.path) ?? 'main', conflict.path).catch(() => undefined);
      return conflictRefusal(call.action, { ...conflict, change });
    },

    async record(call: TypedCall, session) {
      if (!session) return;
      const set = (path: string, blob: string | null) => store.set(session, path, blob);
      // A read: the blob on the branch it read, by the branch's name (one git process: reads
      // are most calls, and the repository cannot move before this call's turn is over).
      const read = async (branch: string, path: string) => {
        const spec = `refs/heads/${branch}:${path}`;
        set(path, (await state.blobs([spec])).get(spec) ?? null);
      };
      switch (call.action) {
        case 'getEntry': case 'getMediaFile':
          return read('main', call.params.path);
        case 'unpublishedEntryDataFile': case 'unpublishedEntryMediaFile':
          return read(draftBranch(call.params.collection, call.params.slug), call.params.path);
        case 'getMedia':
          for (const [path, blob] of await state.media('refs/heads/main')) set(path, blob);
          return;
        case 'persistEntry': case 'persistMedia': case 'deleteFile': case 'deleteFiles': {
          const refs = await state.refs();
          const t = targetOf(call);
          const { now } = await stored(refs, [...t.paths, ...t.uploads.map((u) => u.path)], t.branch);
          for (const [path, blob] of now) set(path, blob);
          return;
        }
        default:
      }
    },
  };
}
