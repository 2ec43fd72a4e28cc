/**
 * A content remote for the team back-office's tests (CONTENT_REMOTE): a bare repository in a
 * temporary folder holding the demo content/ and media/, and a developer's clone of it that
 * commits and pushes as « Développeuse Externe ». `hook` installs a pre-receive hook that refuses
 * every push (as a protected branch would) until it is removed.
 */
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { git } from '../../backoffice/git/repo.ts';

export const DEV = ['-c', 'user.name=Développeuse Externe', '-c', 'user.email=dev@exemple.fr', '-c', 'commit.gpgsign=false'];

export interface ContentRemoteFixture {
  tmp: string;
  bare: string;
  dev: string;
  head(branch?: string): string;
  /** In the developer's clone: pull, change one file, commit, push; the new commit. */
  commit(path: string, change: (text: string) => string, message: string): string;
  /** A pre-receive hook refusing every push with `message`; returns its removal. */
  refusePushes(message: string): () => void;
  remove(): void;
}

export function contentRemoteFixture(): ContentRemoteFixture {
  const tmp = mkdtempSync(join(tmpdir(), 'eig-remote-'));
  const bare = join(tmp, 'contenu.git');
  const dev = join(tmp, 'dev');
  git(tmp, ['init', '--quiet', '--bare', '--initial-branch', 'main', bare]);
  git(tmp, ['init', '--quiet', '--initial-branch', 'main', dev]);
  cpSync(resolve('content'), join(dev, 'content'), { recursive: true });
  cpSync(resolve('media'), join(dev, 'media'), { recursive: true });
  writeFileSync(join(dev, 'README.md'), 'Dépôt du site (test)\n');
  git(dev, ['add', '--all']);
  git(dev, [...DEV, 'commit', '--quiet', '-m', 'Contenu du site']);
  git(dev, ['remote', 'add', 'origin', bare]);
  git(dev, ['push', '--quiet', 'origin', 'main']);
  return {
    tmp, bare, dev,
    head: (branch = 'main') => git(bare, ['rev-parse', `refs/heads/${branch}`]),
    commit(path, change, message) {
      git(dev, ['pull', '--quiet', '--no-rebase', 'origin', 'main']);
      const file = join(dev, path);
      writeFileSync(file, change(readFileSync(file, 'utf8')));
      git(dev, [...DEV, 'commit', '--quiet', '-am', message]);
      git(dev, ['push', '--quiet', 'origin', 'HEAD:main']);
      return git(dev, ['rev-parse', 'HEAD']);
    },
    refusePushes(message) {
      const hook = join(bare, 'hooks', 'pre-receive');
      writeFileSync(hook, `#!/bin/sh\necho "${message.replace(/["\\$`]/g, '')}" >&2\nexit 1\n`);
      chmodSync(hook, 0o755);
      return () => rmSync(hook, { force: true });
    },
    remove: () => rmSync(tmp, { recursive: true, force: true }),
  };
}
