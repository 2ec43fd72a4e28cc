/**
 * The API pipeline of the embedded back-office (`/api/v1`): the request head checked (gate.ts),
 * the body read with a cap (body.ts), parsed once into a typed call (actions/parse.ts), then run
 * in the call queue (calls.ts: the guard's hooks around each write, decap-server in the middle).
 * Never a crash nor a stack trace: an unexpected error is one JSON answer and a terminal line.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkApiRequest, checkCall } from '../gate/gate.ts';
import { readCappedBody, refuseUnreadBody } from '../gate/body.ts';
import { failureMessage, refusal, sendRefusal } from '../refusal.ts';
import type { Identity } from '../identity.ts';
import { callRunner, type CallRunnerOptions } from './calls.ts';

export interface PipelineOptions extends Omit<CallRunnerOptions, 'mapAnswer'> {
  port: () => number;
  maxBodyBytes: number;
  /** The last error decap-server logged (its 500 "Unknown error" gets the real cause). */
  lastError: () => string | undefined;
  /** The identity the authentication step gave this request, if any (server/handlers.ts). */
  identity?: (req: IncomingMessage) => Identity | undefined;
  /** The session of a request without an identity's (`npm start`'s cookie, versions/sessions.ts). */
  session?: ((req: IncomingMessage, res: ServerResponse) => string) | undefined;
}

/**
 * The `/api/v1` handler (other `/api/` addresses: 404), and `run`: the same call queue for a call
 * the server makes itself (the history's restores, backoffice/history/), already checked.
 */
export type ApiPipeline = ((req: IncomingMessage, res: ServerResponse) => Promise<boolean>) & { run: ReturnType<typeof callRunner> };

export function apiPipeline(o: PipelineOptions): ApiPipeline {
  /** decap-server's own failures in French: its 500 "Unknown error" gets the real cause. */
  const mapAnswer = (status: number, body: unknown): unknown => {
    if (status >= 500) return { error: failureMessage(o.lastError()) };
    if (status === 422 && body && typeof body === 'object' && 'error' in body) return { error: `Requête refusée par le serveur du back-office : ${String(body.error)}` };
    return body;
  };
  const runCall = callRunner({ ...o, mapAnswer });

  const gate = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if ((req.url ?? '').split('?')[0] !== '/api/v1') {
      if (!(req.url ?? '').startsWith('/api/')) return false;
      sendRefusal(res, refusal(404, 'Adresse inconnue du back-office.'));
      return true;
    }
    const early = checkApiRequest(req, o.port(), o.maxBodyBytes);
    if (early) {
      if (early.status === 413) refuseUnreadBody(req, res, early); else sendRefusal(res, early);
      return true;
    }
    const body = await readCappedBody(req, o.maxBodyBytes);
    if (!Buffer.isBuffer(body)) {
      refuseUnreadBody(req, res, body);
      return true;
    }
    let parsed: unknown;
    try { parsed = JSON.parse(body.toString('utf8')); } catch { sendRefusal(res, refusal(400, 'Requête refusée : JSON invalide.')); return true; }
    const call = checkCall(parsed, 'main');
    if ('status' in call) {
      const action = parsed && typeof parsed === 'object' && 'action' in parsed ? String(parsed.action) : '?';
      o.log(`Back-office : requête refusée (${action.slice(0, 40)}) : ${call.error}`);
      sendRefusal(res, call);
      return true;
    }
    const who = o.identity?.(req);
    const denied = who?.authorize?.(call, res);
    if (denied) { sendRefusal(res, denied); return true; }
    await runCall(req, res, call, who, who?.session ?? o.session?.(req, res));
    return true;
  };

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    try { return await gate(req, res); } catch (e) {
      o.log(`Back-office : erreur inattendue : ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      if (!res.headersSent) sendRefusal(res, refusal(500, failureMessage(e instanceof Error ? e.message : String(e))));
      else res.end();
      return true;
    }
  };
  return Object.assign(handler, { run: runCall });
}
