/**
 * A call of the back-office API made by the server itself (the scheduler's publications), through
 * the very handler `/api/v1` requests go to (api/pipeline.ts: the gate's checks, the call queue,
 * the publication guard, decap-server, then the stack's onSuccess/onRefusal): the same path as
 * « Publier » in Decap, without a network request. Nothing listens for it: no port, no header,
 * no token a browser could send.
 *
 * `caller` says in whose name the server makes it (a scheduled publication: who scheduled it,
 * schedule/scheduled-by.ts) and what its git commands need (`env`): kept beside the request
 * object itself (`internalCaller`), which only this process can make, never in a header.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { Identity } from '../identity.ts';

export interface InternalAnswer { status: number; body: unknown }
type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Who an internal call is made for, and what it is. */
export interface InternalCaller {
  /** The author of its commits (the API's pipeline takes it as the request's identity). */
  identity?: Identity | undefined;
  /** Environment of its git commands (api/calls.ts sets it around decap-server's work). */
  env?: Record<string, string> | undefined;
  /** A scheduled publication: the entry, its title and « Publier le » (for the journal). */
  scheduled?: { collection: string; slug: string; title: string; publishAt: string; from: 'ready' | 'draft' } | undefined;
}

const callers = new WeakMap<IncomingMessage, InternalCaller>();
/** The caller of an internal call (undefined for any request from the network). */
export const internalCaller = (req: IncomingMessage): InternalCaller | undefined => callers.get(req);

export function internalCall(handler: Handler, port: number, call: { action: string; params: Record<string, unknown> }, caller?: InternalCaller): Promise<InternalAnswer> {
  const text = JSON.stringify(call);
  const req = new IncomingMessage(new Socket());
  if (caller) callers.set(req, caller);
  req.method = 'POST';
  req.url = '/api/v1';
  req.headers = { host: `127.0.0.1:${port}`, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) };
  const res = new ServerResponse(req);
  const chunks: Buffer[] = [];
  const piece = (c: unknown, encoding?: unknown) => {
    if (typeof c === 'string') chunks.push(Buffer.from(c, typeof encoding === 'string' ? encoding as BufferEncoding : 'utf8'));
    else if (c instanceof Uint8Array) chunks.push(Buffer.from(c));
  };
  return new Promise<InternalAnswer>((resolve) => {
    const end = res.end.bind(res);
    res.write = ((c: unknown, encoding?: unknown) => { piece(c, encoding); return true; }) as ServerResponse['write'];
    res.end = ((c?: unknown, encoding?: unknown) => {
      if (typeof c !== 'function') piece(c, encoding);
      const out = end();
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = raw;
      try { body = JSON.parse(raw); } catch { /* kept as text */ }
      resolve({ status: res.statusCode, body });
      return out;
    }) as ServerResponse['end'];
    // Read whole, as the HTTP parser would mark it: an incomplete request ending would count as
    // a client gone (its socket destroyed), and the queue would drop the call.
    req.complete = true;
    req.push(text);
    req.push(null);
    handler(req, res).then((handled) => { if (!handled) resolve({ status: 404, body: { error: 'adresse inconnue' } }); }, (e: unknown) => resolve({ status: 500, body: { error: e instanceof Error ? e.message : String(e) } }));
  });
}
