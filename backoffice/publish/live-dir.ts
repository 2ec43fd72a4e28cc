/**
 * The public site's atomic go-live (`PUBLISH_DIR`, issue #20 item 6). Each publication's build
 * (a new folder, publish/loop.ts) is copied into `PUBLISH_DIR/builds/<name>/` (hard links when
 * on the same disk, else copies), given what nginx needs (deploy/nginx.conf: `nginx-csp.conf`,
 * engine/deploy/csp.ts, and the `.gz`/`.br` copies, engine/deploy/compress.ts), then becomes
 * `PUBLISH_DIR/current` by ONE rename(2) of a new symbolic link over the old one: nginx (root
 * `PUBLISH_DIR/current`, no open_file_cache) resolves the link per request and never sees a
 * half-written site.
 *
 * A page of an earlier build still open in a browser asks for the assets it names
 * (`/_astro/x.<hash>.css`, lazy images of `/_img/`, search fragments): the hashed files
 * (`_astro/`, `_img/`, `pagefind/`) that a build drops are carried into the next ones (hard
 * links) for `carryMs` (10 min) after they left `current`, so such a request gets the old asset,
 * never a 404 nor another build's. The build `current` points to and the one before stay; older
 * folders are removed (never the one `current` names, read again before pruning).
 *
 * An optional deploy command (`DEPLOY_COMMAND`: a program, run without a shell, with the new
 * build's folder as its only argument and `EIG_BUILD_DIR`, `EIG_COMMIT`, `EIG_PUBLISH_DIR`,
 * `EIG_CSP_CHANGED` in its environment: no text of the content ever reaches a command line)
 * runs after each swap, one at a time (a swap during a run queues only the latest); its outcome,
 * with the end of its error output, is `status.live.deploy`, shown by the status bar and page.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { compressDist } from '../../engine/deploy/compress.ts';
import { CSP_FILE, writeCsp } from '../../engine/deploy/csp.ts';
import type { DeployOutcome, LiveStatus } from '../types.ts';

export interface LiveDirOptions {
  publishDir: string;
  /** A program (no shell), run after each swap with the new build's folder as argument. */
  deployCommand?: string | undefined;
  /** Where `status.live` is kept (the stack's status object). */
  status: { live?: LiveStatus };
  log: (line: string) => void;
  /** A deploy command still running after this is stopped (default 10 min). */
  deployTimeoutMs?: number;
  /** How long hashed assets dropped by a build stay served (default 10 min). */
  carryMs?: number;
}

export interface LiveDir {
  /** Makes `buildDir` the public site; resolves once `current` names it (the deploy command runs after, on its own). */
  goLive(buildDir: string, commit: string): Promise<LiveStatus>;
  /** The folder `current` names now, if any. */
  current(): string | undefined;
  /** Resolves once no deploy command runs nor waits. */
  idle(): Promise<void>;
  /** Stops a deploy command in progress (its process group). */
  stop(): Promise<void>;
}

/** Hashed assets a page of the previous build may still ask for. */
const CARRIED = ['_astro', '_img', 'pagefind'];
const TAIL = 2000;

/** `src` copied into `dst` as hard links (copies across disks); links and the CSP file left out. */
function linkTree(src: string, dst: string, state: { copy: boolean }, top = true): void {
  mkdirSync(dst, { recursive: true });
  for (const f of readdirSync(src, { withFileTypes: true })) {
    const from = join(src, f.name);
    const to = join(dst, f.name);
    if (f.isDirectory()) linkTree(from, to, state, false);
    else if (f.isFile() && !(top && f.name === CSP_FILE)) {
      if (!state.copy) {
        try { linkSync(from, to); continue; } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e; state.copy = true; }
      }
      copyFileSync(from, to);
    }
  }
}

/** Files under `dir` (relative paths). */
function* walk(dir: string, base = dir): Generator<string> {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, f.name);
    if (f.isDirectory()) yield* walk(full, base); else if (f.isFile()) yield relative(base, full);
  }
}

/** The server's own secrets stay out of the deploy command's environment (it gets its own credentials). */
const SECRETS = ['SESSION_SECRET', 'OIDC_CLIENT_SECRET'];
const withoutSecrets = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => Object.fromEntries(Object.entries(env).filter(([k]) => !SECRETS.includes(k)));

const readText = (file: string) => { try { return readFileSync(file, 'utf8'); } catch { return undefined; } };

export function liveDir(o: LiveDirOptions): LiveDir {
  const root = resolve(o.publishDir);
  const builds = join(root, 'builds');
  const currentLink = join(root, 'current');
  const timeoutMs = o.deployTimeoutMs ?? 600_000;
  const current = (): string | undefined => {
    try { return resolve(root, readlinkSync(currentLink)); } catch { return undefined; }
  };
  const carryMs = o.carryMs ?? 600_000;
  /** The files a build got from earlier ones (not its own), with when they left `current` (ms). */
  const carriedOf = (dir: string): Record<string, number> => {
    try { return JSON.parse(readText(`${dir}.carried`) ?? '{}') as Record<string, number>; } catch { return {}; }
  };

  let child: ChildProcess | undefined;
  let running: Promise<void> | undefined;
  let pending: { dir: string; commit: string; cspChanged: boolean } | undefined;

  const runDeploy = (cmd: string, job: { dir: string; commit: string; cspChanged: boolean }): Promise<DeployOutcome> => new Promise((done) => {
    const started = Date.now();
    const at = new Date(started).toISOString();
    let stderr = '';
    let timedOut = false;
    const finish = (code: number | null, signal: string | null, error?: string) => {
      clearTimeout(timer);
      child = undefined;
      const tail = (error ?? stderr).trim().slice(-TAIL);
      done({ state: code === 0 && !timedOut ? 'ok' : 'failed', commit: job.commit, dir: job.dir, at, ms: Date.now() - started, code, ...(signal ? { signal } : {}), ...(timedOut ? { timedOut: true } : {}), stderr: tail });
    };
    let p: ChildProcess;
    try {
      p = spawn(cmd, [job.dir], {
        // Its own process group: a timeout or a stop ends the command and what it started.
        detached: true, stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...withoutSecrets(process.env), EIG_BUILD_DIR: job.dir, EIG_COMMIT: job.commit, EIG_PUBLISH_DIR: root, EIG_CSP_CHANGED: job.cspChanged ? '1' : '0' },
      });
    } catch (e) { return finish(null, null, e instanceof Error ? e.message : String(e)); }
    child = p;
    const timer = setTimeout(() => { timedOut = true; try { process.kill(-p.pid!, 'SIGKILL'); } catch { /* gone */ } }, timeoutMs);
    p.stderr?.on('data', (d: Buffer) => { stderr = (stderr + d.toString('utf8')).slice(-4 * TAIL); });
    p.once('error', (e) => finish(null, null, `${e.message}`));
    p.once('close', (code, signal) => finish(code, signal));
  });

  const deploy = (job: { dir: string; commit: string; cspChanged: boolean }) => {
    const cmd = o.deployCommand;
    if (!cmd) return;
    pending = job;
    if (running) return; // the latest waiting job runs when this one ends
    running = (async () => {
      while (pending) {
        const next = pending;
        pending = undefined;
        o.status.live = { ...o.status.live!, deploy: { state: 'running', commit: next.commit, dir: next.dir, at: new Date().toISOString() } };
        const r = await runDeploy(cmd, next);
        if (o.status.live) o.status.live = { ...o.status.live, deploy: r };
        if (r.state === 'ok') o.log(`Déploiement (${next.commit.slice(0, 8)}) terminé en ${(r.ms! / 1000).toFixed(1)} s.`);
        else o.log(`ÉCHEC du déploiement (${next.commit.slice(0, 8)}) : ${r.timedOut ? `arrêté après ${Math.round(timeoutMs / 1000)} s` : r.code === null ? 'la commande n’a pas pu être lancée' : `code ${r.code}`}${r.stderr ? ` — ${r.stderr.split('\n').pop()}` : ''}`);
      }
    })().finally(() => { running = undefined; });
  };

  return {
    current,
    async goLive(buildDir, commit) {
      const t0 = performance.now();
      mkdirSync(builds, { recursive: true });
      const name = basename(resolve(buildDir));
      const target = join(builds, name);
      const previous = current();
      if (previous !== target) {
        const tmp = join(builds, `.tmp-${name}`);
        rmSync(tmp, { recursive: true, force: true });
        rmSync(target, { recursive: true, force: true });
        linkTree(resolve(buildDir), tmp, { copy: false });
        const carried: Record<string, number> = {};
        const now = Date.now();
        if (previous && existsSync(previous)) {
          const before = carriedOf(previous);
          for (const top of CARRIED) {
            for (const rel of walk(join(previous, top))) {
              const path = join(top, rel);
              // The previous build's own files leave `current` now; carried ones keep their time.
              const left = before[path] ?? now;
              if (now - left > carryMs || existsSync(join(tmp, path))) continue;
              mkdirSync(join(tmp, path, '..'), { recursive: true });
              try { linkSync(join(previous, path), join(tmp, path)); } catch { copyFileSync(join(previous, path), join(tmp, path)); }
              carried[path] = left;
            }
          }
        }
        // Never written through a link: the CSP file is this folder's own.
        rmSync(join(tmp, CSP_FILE), { force: true });
        writeCsp(tmp);
        await compressDist(tmp, previous && existsSync(previous) ? previous : undefined);
        writeFileSync(`${target}.carried`, JSON.stringify(carried));
        renameSync(tmp, target);
      }
      // The swap: a new link, renamed over `current` (atomic: a request sees one or the other).
      const link = join(root, `.current-${process.pid}-${Date.now()}`);
      rmSync(link, { force: true });
      symlinkSync(relative(root, target), link);
      try { renameSync(link, currentLink); } catch (e) {
        rmSync(link, { force: true });
        if ((e as NodeJS.ErrnoException).code === 'EISDIR' || (existsSync(currentLink) && !lstatSync(currentLink).isSymbolicLink())) {
          throw Object.assign(new Error(`${currentLink} est un dossier, pas un lien symbolique : déplacez-le (le back-office y met un lien vers la version en ligne)`), { code: 'EISDIR', path: currentLink });
        }
        throw e;
      }
      const cspChanged = readText(join(target, CSP_FILE)) !== (previous ? readText(join(previous, CSP_FILE)) : undefined);
      // Older builds go, never the one `current` names (read again) nor the one just replaced.
      const keep = new Set([current(), previous].filter((d): d is string => d !== undefined).map((d) => basename(d)));
      for (const f of readdirSync(builds)) {
        const base = f.replace(/\.carried$/, '');
        if (keep.has(base)) continue;
        void rm(join(builds, f), { recursive: true, force: true }).catch(() => {});
      }
      for (const f of readdirSync(root)) if (f.startsWith('.current-') && join(root, f) !== link) rmSync(join(root, f), { force: true });
      const live: LiveStatus = { commit, dir: target, at: new Date().toISOString(), cspChanged, ms: Math.round(performance.now() - t0), ...(o.status.live?.deploy ? { deploy: o.status.live.deploy } : {}) };
      o.status.live = live;
      if (cspChanged && previous) o.log('Site public : la politique de sécurité (nginx-csp.conf) a changé : rechargez nginx (nginx -s reload), ou laissez DEPLOY_COMMAND le faire (EIG_CSP_CHANGED=1).');
      deploy({ dir: target, commit, cspChanged });
      return live;
    },
    idle: async () => { while (running) await running; },
    async stop() {
      pending = undefined;
      if (child?.pid) { try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ } }
      await running?.catch(() => {});
    },
  };
}
