/**
 * A small client of decap-server's API (`POST /api/v1` with `{action, params}`), doing what Decap
 * does for an editor in the editorial workflow: save a draft on its own branch, move it to
 * review then ready, publish it (merge into the published branch). Used by the benchmark and
 * the tests; the back-office UI itself talks to the same endpoint.
 */
export interface ApiEntry { collection: string; slug: string; path: string; raw: string }
export interface ApiAsset { path: string; content: Buffer }

export async function api(apiUrl: string, action: string, params: Record<string, unknown> = {}): Promise<unknown> {
  const res = await fetch(apiUrl, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ action, params: { branch: 'main', ...params } }),
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`decap-server ${action} : HTTP ${res.status} ${JSON.stringify(body)}`);
  return body;
}

export async function saveDraft(apiUrl: string, e: ApiEntry, assets: ApiAsset[] = []): Promise<void> {
  await api(apiUrl, 'persistEntry', {
    entry: { slug: e.slug, path: e.path, raw: e.raw },
    assets: assets.map((a) => ({ path: a.path, content: a.content.toString('base64'), encoding: 'base64' })),
    options: { collectionName: e.collection, commitMessage: `Mise à jour de ${e.path}`, useWorkflow: true, status: 'draft' },
  });
}

export async function setStatus(apiUrl: string, e: Pick<ApiEntry, 'collection' | 'slug'>, newStatus: 'draft' | 'pending_review' | 'pending_publish') {
  await api(apiUrl, 'updateUnpublishedEntryStatus', { collection: e.collection, slug: e.slug, newStatus });
}

export async function publish(apiUrl: string, e: Pick<ApiEntry, 'collection' | 'slug'>) {
  await api(apiUrl, 'publishUnpublishedEntry', { collection: e.collection, slug: e.slug });
}

/** Draft → review → ready → published, as an editor does it. */
export async function saveAndPublish(apiUrl: string, e: ApiEntry, assets: ApiAsset[] = []): Promise<void> {
  await saveDraft(apiUrl, e, assets);
  await setStatus(apiUrl, e, 'pending_review');
  await setStatus(apiUrl, e, 'pending_publish');
  await publish(apiUrl, e);
}
