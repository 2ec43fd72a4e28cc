/**
 * How a command-line back-office (`npm start`, `npm run backoffice`) ends: SIGINT, SIGTERM or
 * SIGHUP stop the stack (its server, publication loop and previews) and exit; a second signal,
 * or a stop that takes more than 10 s, exits at once.
 */
import type { Stack } from '../types.ts';

export function stopOnSignals(stack: Pick<Stack, 'stop'>): () => void {
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1); // a second signal: do not wait
    stopping = true;
    setTimeout(() => process.exit(1), 10_000).unref();
    void stack.stop().then(() => process.exit(0), () => process.exit(1));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  return stop;
}
