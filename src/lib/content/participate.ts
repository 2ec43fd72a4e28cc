/**
 * The "Participer" pages' data types (derived from model/pages/participate.ts), and the one
 * rule they share: while a call is open the apply button shows; once it is closed the
 * "next promotion" (wait) block takes its place.
 */
import type { AdministrationsData, CandidatesData, FaqData, PostulerData, ProposerData } from '../../content/model/index.ts';

export type { AdministrationsData, CandidatesData, FaqData, PostulerData, ProposerData };
/** A call's button (`head.apply`, `head.call`). */
export type Button = CandidatesData['head']['apply'] | AdministrationsData['head']['call'];
/** The "next promotion" block of a closed call. */
export type Wait = CandidatesData['wait'] | AdministrationsData['wait'];
/** A calendar of steps (`steps` of the « postuler » and « proposer » pages). */
export type DatedSteps = ProposerData['steps'];

/** What the top of a call page shows: the apply button (open call) or the wait block (closed). */
export type CallState =
  | { kind: 'apply'; label: string; href: string }
  | { kind: 'wait'; title: string | undefined; desc: string | undefined }
  | { kind: 'none' };

export function callState(open: boolean, apply: Button | undefined, wait: Wait | undefined): CallState {
  if (open && apply?.title && apply.url) return { kind: 'apply', label: apply.title, href: apply.url };
  if (!open && (wait?.title || wait?.desc)) return { kind: 'wait', title: wait.title, desc: wait.desc };
  return { kind: 'none' };
}

/**
 * A link to the call document (`call`), when both its text and its file are set. `mediaUrl`
 * turns a media value (`img/appel.pdf`) into its public URL.
 */
export function callDocument(call: Button | undefined, mediaUrl: (value: string) => string | undefined): { label: string; href: string } | undefined {
  if (!call?.title || !call.url) return undefined;
  const href = /^https?:/.test(call.url) ? call.url : mediaUrl(call.url);
  return href ? { label: call.title, href } : undefined;
}
