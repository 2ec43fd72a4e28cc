/**
 * The draft's media in the preview (#22, browser side): an image uploaded into a draft is only
 * in Decap's memory (or on the draft's branch) until publication, so the page the server renders
 * lacked it. When the server answers that a media value of the draft names no file
 * (`absentMedia`), the frame sends that file once, `POST /admin/apercu/media` (checked and kept
 * by backoffice/preview/draft-media.ts), then names it by hash in the next previews (`media`).
 */
export const DRAFT_MEDIA_ENDPOINT = '/admin/apercu/media';

/** What Decap's `getAsset` gives (its AssetProxy): the file of an upload, or a URL of its own. */
export interface AssetLike { fileObj?: Blob | undefined; url?: string | undefined }
export type GetAsset = (path: string) => AssetLike | undefined;

/** The bytes Decap holds for a media value: the uploaded file, or its `blob:` URL's. */
async function blobOf(asset: AssetLike | undefined): Promise<Blob | undefined> {
  if (asset?.fileObj instanceof Blob) return asset.fileObj;
  if (asset?.url?.startsWith('blob:')) return fetch(asset.url).then((r) => r.blob()).catch(() => undefined);
  return undefined;
}

const base64 = (blob: Blob): Promise<string> => new Promise((ok, fail) => {
  const reader = new FileReader();
  reader.onload = () => ok(String(reader.result).replace(/^data:[^,]*,/, ''));
  reader.onerror = () => fail(reader.error);
  reader.readAsDataURL(blob);
});

/**
 * Sends the draft's files for the absent values it has (each value at most `maxTries` times in a
 * page's life), recording their hashes in `sent`. True when one was sent: the preview is worth
 * making again.
 */
export async function sendDraftMedia(absent: readonly string[], getAsset: GetAsset | undefined, sent: Map<string, string>, tries: Map<string, number>, maxTries = 2): Promise<boolean> {
  let any = false;
  for (const value of absent) {
    const n = tries.get(value) ?? 0;
    if (!getAsset || n >= maxTries) continue;
    tries.set(value, n + 1);
    let asset: AssetLike | undefined;
    try { asset = getAsset(value); } catch { asset = undefined; }
    const blob = await blobOf(asset);
    if (!blob) continue;
    const res = await fetch(DRAFT_MEDIA_ENDPOINT, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin',
      body: JSON.stringify({ path: value, content: await base64(blob) }),
    }).catch(() => undefined);
    const body = res?.ok ? await res.json().catch(() => undefined) as { sha?: unknown } | undefined : undefined;
    if (typeof body?.sha === 'string') { sent.set(value, body.sha); any = true; }
  }
  return any;
}
