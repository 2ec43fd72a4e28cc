/**
 * Request bodies of the back-office API and previews: read with a cap while they stream, and a
 * body too large refused without being read (nginx's lingering close).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { refusal, sendRefusal, tooLarge, type GuardRefusal } from '../refusal.ts';

/**
 * Reads a request body, refusing (413) as soon as it passes `maxBytes`: nothing beyond the cap
 * is kept in memory. On refusal the rest of the body is drained and the connection closed.
 */
export function readCappedBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | GuardRefusal> {
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    const onData = (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > maxBytes) { over = true; chunks.length = 0; done(tooLarge(maxBytes)); return; }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => { if (!over) done(Buffer.concat(chunks)); });
    req.on('error', () => { if (!over) { over = true; done(refusal(400, 'Requête interrompue.')); } });
  });
}

/** How long a refused request may keep sending its body (read and dropped) before the connection is cut. */
const LINGER_MS = 5000;

/**
 * Refuses a request whose body is not read (too large): the refusal goes out at once and the
 * rest of the body is read and dropped, nothing kept, for LINGER_MS at most. Closing at once
 * (`Connection: close`) reset the connection under a client still sending, which then failed
 * (EPIPE) without seeing the answer; this is nginx's lingering close. A body that ends in time
 * leaves a normal connection.
 */
export function refuseUnreadBody(req: IncomingMessage, res: ServerResponse, r: GuardRefusal): void {
  sendRefusal(res, r);
  req.resume();
  setTimeout(() => { if (!req.complete) req.socket.destroy(); }, LINGER_MS).unref();
}
