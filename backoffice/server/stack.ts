/**
 * The embedded back-office behind `npm start`, as a function (tests and benchmarks start it too):
 * - a dedicated git repository (git/repo.ts) that decap-server (git mode, no authentication)
 *   works on, run in this process (api/decap.ts): no second port;
 * - one HTTP server on 127.0.0.1 (listen.ts), its handlers in an explicit order (handlers.ts):
 *   the Host check, an optional authentication step, /api/v1 (the API pipeline, api/pipeline.ts:
 *   decap-server behind the gate and the publication guard), previews, /admin/config.yml, the
 *   status page /admin/statut/ (+ /_status.json), the history /admin/historique/ (history/), then the built site;
 * - the publication loop (publish/loop.ts): each published commit built in this process into a
 *   new folder, swapped in only when the build succeeded; a refused one keeps the last good site
 *   online and reports its problems as data on the status page.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { createHash } from 'node:crypto';
import { ensureCmsRepo, publishedHead } from '../git/repo.ts';
import { prepareRemoteRepo } from '../git/remote.ts';
import { remoteSync, type RemoteSync } from '../git/sync.ts';
import { serial } from '../api/serial.ts';
import { CALL_TIMEOUTS } from '../api/calls.ts';
import { isWrite } from '../actions/kinds.ts';
import { staticServer } from './static.ts';
import { MAX_BODY_BYTES } from '../gate/gate.ts';
import { apiPipeline } from '../api/pipeline.ts';
import { decapApp } from '../api/decap.ts';
import { previewService } from '../preview/service.ts';
import { guardHooks, rebaseDrafts } from '../guard/guard.ts';
import { statusRoutes } from '../status/routes.ts';
import { historyRoutes } from '../history/routes.ts';
import { publicationLoop } from '../publish/loop.ts';
import { liveDir } from '../publish/live-dir.ts';
import { healthWatch } from '../git/health.ts';
import { adminConfig, authentication, hostCheck, order } from './handlers.ts';
import { listen } from './listen.ts';
import { versionHooks } from '../versions/opened.ts';
import { localSession, openedStore } from '../versions/sessions.ts';
import { localAuthor } from '../git/local-author.ts';
import { scheduler } from '../schedule/scheduler.ts';
import { internalCaller } from '../schedule/internal-call.ts';
import { afterCall, publishScheduled } from '../schedule/publish-scheduled.ts';
import { authorOf, authorsBetween, safeEmit } from '../publish/events.ts';
import { siteNow } from '../../src/lib/content/clock.ts';
import type { Stack, StackOptions, StackStatus } from '../types.ts';

export { freePort } from './listen.ts';

export async function startStack(options: StackOptions): Promise<Stack> {
  const codeRoot = resolve(options.codeRoot ?? process.cwd());
  const dataDir = resolve(options.dataDir);
  const log = options.log ?? ((l: string) => console.log(l));
  const repoDir = join(dataDir, 'cms-repo');
  const buildsDir = resolve(options.buildsDir ?? (dataDir.startsWith(codeRoot + sep)
    ? join(dataDir, 'builds')
    : join(codeRoot, '.data', `builds-${createHash('sha1').update(dataDir).digest('hex').slice(0, 10)}`)));
  mkdirSync(buildsDir, { recursive: true });

  const symlinks: string[] = [];
  // With a content remote, a clone of it (git/remote.ts); else a repository of its own.
  if (options.remote) for (const l of await prepareRemoteRepo(repoDir, options.remote, options.source, (p) => symlinks.push(p))) log(l);
  else if (ensureCmsRepo(repoDir, options.source, (p) => symlinks.push(p))) log(`Dépôt du back-office créé : ${repoDir}`);
  for (const p of symlinks) log(`  ${p} : lien symbolique refusé, non copié (les entrées et les médias doivent être des fichiers ordinaires)`);
  // A damaged repository (unreadable index, missing objects): said now, writes suspended.
  const health = healthWatch(repoDir, log);
  health.check(true);

  const status: StackStatus = { state: 'starting', published: publishedHead(repoDir), builds: 0 };
  Object.defineProperty(status, 'repository', { get: health.state, enumerable: true });
  let port = 0;
  let url = '';
  const now = options.now ?? siteNow;
  // The public site's folder (PUBLISH_DIR): each good build swapped in as <publishDir>/current.
  const live = options.publishDir ? liveDir({ publishDir: options.publishDir, deployCommand: options.deployCommand, status, log }) : undefined;
  const loop = publicationLoop({
    codeRoot, dataDir, repoDir, buildsDir, status, log, siteUrl: () => url,
    initialDist: options.initialDist, searchIndex: options.searchIndex, goLive: live?.goLive, now,
  });

  // The gate in front of decap-server, which runs in this process (api/decap.ts).
  let decap: Awaited<ReturnType<typeof decapApp>> | undefined;
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const auth = options.authenticate ? authentication(options.authenticate) : undefined;
  // Which version of each file every session opened: no lost update (versions/). Without a
  // team's sign-in, a session is a browser's cookie and the author the machine's git identity.
  const opened = openedStore();
  // The publication guard (guard/guard.ts) unless the caller brings its own hooks.
  const hooks = options.hooks ?? guardHooks(repoDir, { log, now });
  // One queue for the API's calls and the remote's updates of the published branch.
  const queue = serial({ ...CALL_TIMEOUTS, ...options.callTimeouts }.stuckMs);
  let ownGuard: ReturnType<typeof guardHooks> | undefined;
  // Who published what: told to the team's journal (StackOptions.onPublished, publish/events.ts).
  const emit = safeEmit(options.onPublished, log);
  const remote: RemoteSync | undefined = options.remote && remoteSync({
    repoDir, remote: options.remote, log, queue, fetchMs: options.remote.fetchMs, blocked: health.blocked,
    // Commits from the remote pass the same checks as an editor's publication.
    check: (tree) => (hooks.checkTree ? hooks : (ownGuard ??= guardHooks(repoDir, { log, now }))).checkTree!(tree),
    published: (moved) => {
      emit?.(() => ({ kind: 'remote', at: now().toISOString(), commit: moved.to, merge: moved.merge, ...authorsBetween(repoDir, moved.from, moved.to) }));
      void loop.update();
      try { rebaseDrafts(repoDir); } catch (e) { log(`Brouillons non rebasés : ${e instanceof Error ? e.message : String(e)}`); }
    },
    refused: (commit, error) => emit?.(() => ({ kind: 'remote-refused', at: now().toISOString(), commit, author: authorOf(repoDir, commit), error })),
  });
  const after = afterCall(repoDir, log, emit, now);
  const defaultAuthor = auth ? undefined : localAuthor(codeRoot);
  if (remote) Object.defineProperty(status, 'remote', { get: remote.state, enumerable: true });
  const api = apiPipeline({
    port: () => port, maxBodyBytes: maxBody, lastError: () => decap?.lastError(), author: options.author,
    versions: versionHooks(repoDir, opened), session: auth ? undefined : localSession(opened, () => port),
    defaultAuthor,
    // An internal call (a scheduled publication) names its author itself (schedule/scheduled-by.ts).
    identity: (req) => internalCaller(req)?.identity ?? auth?.identityOf(req), gitEnv: (req) => internalCaller(req)?.env,
    decap: () => decap, queue,
    hooks, log, timeouts: options.callTimeouts, health,
    onRefusal: (action, r) => { status.refusal = { action, error: r.error, at: new Date().toISOString(), ...(r.problems ? { problems: r.problems } : {}) }; },
    onSuccess: (action, done) => {
      after(action, done);
      // Each publication is pushed to the content remote (git/sync.ts).
      if (isWrite(action)) remote?.changed();
      if (action !== 'publishUnpublishedEntry') return;
      // A publish moves the published branch: look at once instead of waiting for the poll.
      void loop.update();
      // Other drafts must be shown against the new published head (see rebaseDrafts).
      try { rebaseDrafts(repoDir); } catch (e) { log(`Brouillons non rebasés : ${e instanceof Error ? e.message : String(e)}`); }
    },
  });

  // Previews of unsaved drafts by the site's own pages (preview/service.ts), behind the same gate.
  const preview = previewService({
    codeRoot, siteUrl: () => process.env['SITE_URL'] || url, repoDir, baseDir: join(dataDir, 'preview-base'), draftMediaDir: join(dataDir, 'preview-media'),
    servedRoot: () => loop.root(), port: () => port, maxBodyBytes: maxBody, log,
  });
  const handlers = order({
    host: hostCheck(() => port), authenticate: auth?.handle, api, previews: preview.handler,
    config: adminConfig(() => port, () => url), status: statusRoutes(() => status, { port: () => port, sync: remote?.syncNow }),
    history: historyRoutes({ repoDir, port: () => port, run: api.run, identity: auth?.identityOf }),
  });
  const server = staticServer(() => loop.root(), handlers.map((h) => h.handle));
  port = await listen(server, options.port ?? 4321);
  url = `http://127.0.0.1:${port}`;
  try {
    decap = await decapApp(repoDir, url, log, (process.env['CMS_LOG_LEVEL'] as 'warn' | undefined) || 'warn');
  } catch (e) {
    server.close();
    throw e;
  }
  loop.start(options.pollMs ?? 500);
  remote?.start();
  // Scheduled publications (backoffice/schedule/): published through the API's own handler.
  const schedule = scheduler({
    repoDir, now, log, report: (s) => { status.schedule = s; },
    publish: publishScheduled({ repoDir, dataDir, api, port: () => port, now, emit, fallback: defaultAuthor, requireReady: Boolean(auth) }),
  });
  schedule.start(options.scheduleMs);

  return {
    url, port, repoDir, buildsDir,
    status: () => ({ ...status }),
    ready: () => loop.ready(),
    waitForServed: (commit, timeoutMs) => loop.waitForServed(commit, timeoutMs),
    scheduleTick: () => schedule.tick(),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await remote?.stop();
      await schedule.stop();
      await loop.stop();
      await live?.stop();
      await preview.stop();
      await hooks.close?.();
      if (ownGuard) await ownGuard.close?.();
    },
  };
}
