/**
 * « Mise en ligne en cours… » from the click on « Publier maintenant » (#22 item 5). The status
 * bar (status-banner.ts) polls /_status.json every 3 s, and the server reports `building` only
 * once it has seen the new commit: the bar kept « En ligne depuis 19 h 03 » for seconds after the
 * click. Decap fires its `prePublish` event right before it sends the publication (after the
 * editor confirmed it, from the editor's menu or a workflow card): from then on the bar says
 * « Mise en ligne en cours… » until the server's state has moved on from what it was at the click.
 * Pure but for `watchPublications`.
 */
import type { StatusView } from './status-text.ts';

/** A publication asked for by this page and not yet seen by the server. */
export interface Pending {
  /** When Decap sent it (ms since the epoch). */
  at: number;
  /** The served build at that moment: a new one means the publication is online. */
  servedAt: string | undefined;
}

/** How long the bar waits for the server to show the publication before trusting it again. */
export const PENDING_MAX_MS = 120_000;

/**
 * Whether the server's status still predates the pending publication: the same build served,
 * no build running or failed, no refusal since the click. Then the bar keeps « Mise en ligne en
 * cours… » instead of the stale « En ligne depuis … ».
 */
export function stillPending(p: Pending | undefined, s: StatusView | undefined, now = Date.now()): boolean {
  if (!p || now - p.at > PENDING_MAX_MS) return false;
  if (!s) return true;
  if (s.state !== 'ready' && s.state !== 'starting') return false;
  if (s.servedAt !== p.servedAt) return false;
  if (s.refusal && Date.parse(s.refusal.at) >= p.at - 1000) return false;
  return true;
}

interface EventsApi { registerEventListener(listener: { name: string; handler: () => void }): void }

/**
 * Calls `onPublish` whenever Decap is about to publish (its `prePublish` event). `cms` is
 * window.CMS, typed by preview.ts without its events: only this method is looked for.
 */
export function watchPublications(cms: object | undefined, onPublish: () => void): void {
  (cms as Partial<EventsApi> | undefined)?.registerEventListener?.({ name: 'prePublish', handler: () => { onPublish(); } });
}
