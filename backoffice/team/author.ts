/**
 * Commits authored by the person who made the call (`Name <email>`); the committer stays the
 * repository's own identity (the back-office server). decap-server's git (simple-git) spawns
 * `git` with this process's environment and offers no per-call author, so GIT_AUTHOR_NAME and
 * GIT_AUTHOR_EMAIL are set for the time of ONE call: the call queue (backoffice/api/calls.ts)
 * runs decap-server calls one at a time, and nothing else in this process commits meanwhile
 * (the publisher and previews only check out and read).
 */
import type { IncomingMessage } from 'node:http';
import { git } from '../git/repo.ts';
import type { DecapApp } from '../api/decap.ts';
import type { Identity } from '../types.ts';

/** Characters git refuses or mangles in an ident (`<`, `>`, newlines): removed. */
const clean = (s: string) => s.replace(/[<>\n\r\0]/g, '').trim();

export function authoredBy(decap: DecapApp, who: (req: IncomingMessage) => Identity | undefined): DecapApp {
  return {
    lastError: () => decap.lastError(),
    async handle(req, res, body, map) {
      const person = who(req);
      if (!person) return decap.handle(req, res, body, map);
      const saved = { name: process.env['GIT_AUTHOR_NAME'], email: process.env['GIT_AUTHOR_EMAIL'] };
      process.env['GIT_AUTHOR_NAME'] = clean(person.name) || clean(person.email);
      process.env['GIT_AUTHOR_EMAIL'] = clean(person.email);
      try {
        return await decap.handle(req, res, body, map);
      } finally {
        for (const [k, v] of [['GIT_AUTHOR_NAME', saved.name], ['GIT_AUTHOR_EMAIL', saved.email]] as const) {
          if (v === undefined) delete process.env[k]; else process.env[k] = v;
        }
      }
    },
  };
}

/**
 * A publication is a merge of the draft's branch (decap-server's `git merge`): with `merge.ff`
 * false it is always a merge commit, authored by the person who published, instead of a
 * fast-forward that would leave only the draft's author in the history.
 */
export function recordPublishers(repoDir: string): void {
  git(repoDir, ['config', 'merge.ff', 'false']);
}
