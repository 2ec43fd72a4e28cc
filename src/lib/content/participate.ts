/**
 * The "Participer" pages' data, as the model declares it (model/pages/participate.ts), and the
 * one rule they share: while a call is open the apply button shows; once it is closed the
 * "next promotion" (wait) block takes its place.
 */
export interface Button { title?: string | undefined; url?: string | undefined }
export interface Titled { title: string; desc: string }
export interface DatedSteps { title: string; dates: { date: string; desc: string }[] }
export interface Wait { title?: string | undefined; desc?: string | undefined }

export interface CandidatesData {
  open: boolean; title: string;
  head: { questions: { question: string }[]; sub: string; apply: Button; call: Button };
  def: { title: string; info: Titled };
  what: { title: string; defs: { def: string }[] };
  profiles: { title: string; desc: string; sub: string; list: string[] };
  conditions: Titled; how: Titled; wait: Wait;
}
export interface AdministrationsData {
  open: boolean; title?: string | undefined;
  head: { title: string; desc: string; apply: Button; call: Button };
  program: string;
  criteria: { title: string; desc: string; list: { num: string; name: string; desc: string }[] };
  steps: string; wait: Wait;
}
export interface PostulerData {
  title: string; callout: Titled; how: Titled; steps: DatedSteps; questions: string;
  join: { image: string; title: string; desc: string; link: string };
}
export interface ProposerData { title: string; callout: Titled; how: Titled; steps: DatedSteps; questions: string; com: string }
export interface FaqData { title: string; questions: Titled[]; contact: string }

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
