// Entry of the content-check worker thread (tree-check.ts): TypeScript through tsx's hooks,
// registered here since a worker thread does not always inherit its parent's (`node --import
// tsx`, vitest), then the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./check-worker.ts');
