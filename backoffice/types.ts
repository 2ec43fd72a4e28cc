/**
 * The back-office's shared types: how a stack is started (StackOptions), what it reports
 * (StackStatus, BuildError, PublicationFigures) and what it hands back (Stack). Apart from the
 * server (server/stack.ts) so that the status page and the tests read them without importing
 * the server.
 */
import type { Authenticate, Identity } from './identity.ts';
import type { Problem } from './problems/problem.ts';
import type { GateHooks } from './api/hooks.ts';
import type { RepoSource } from './git/repo.ts';
import type { RepoHealth } from './git/health.ts';
import type { CallTimeouts } from './api/calls.ts';
import type { ContentRemote } from './git/remote.ts';
import type { RemoteStatus } from './git/sync.ts';
import type { ScheduleStatus } from './schedule/schedule-text.ts';
import type { PublishedEvent } from './publish/events.ts';

export type { Authenticate, Identity } from './identity.ts';
export type { PublishedEvent } from './publish/events.ts';

export interface StackOptions {
  /** Folder holding package.json and astro.config.ts (default: the current directory). */
  codeRoot?: string;
  /** Where the repository, the published worktree and the builds live (git-ignored). */
  dataDir: string;
  /** The project's content and media, copied into the repository on first run only. */
  source: RepoSource;
  /** Port of the site (default 4321; 0 picks a free one). */
  port?: number;
  /**
   * Where builds go (default <dataDir>/builds). It must be inside `codeRoot`: Astro writes its
   * intermediate files to <cwd>/.astro when the output is elsewhere, and concurrent builds there
   * collide. A data folder outside the project gets its builds under <codeRoot>/.data/.
   */
  buildsDir?: string;
  /** An existing build of the current published commit: served at once, no first build. */
  initialDist?: string;
  /** How often the published branch is looked at (ms). */
  pollMs?: number;
  log?: (line: string) => void;
  /** Checks run by the gate before each write call, and clean-up after a failed call. */
  hooks?: GateHooks;
  /** Cap of an API request body, in bytes (default 20 MB). */
  maxBodyBytes?: number;
  /** Time limits of the API's call queue (default CALL_TIMEOUTS, cms-calls.ts); tests shorten them. */
  callTimeouts?: Partial<CallTimeouts>;
  /** Benchmarks only: publications without the search index, to measure its share. */
  searchIndex?: boolean;
  /**
   * Authentication (a team back-office, backoffice/team/): without it every request of the
   * local machine is the one editor (`npm start`). See {@link Authenticate} and server/handlers.ts.
   */
  authenticate?: Authenticate;
  /**
   * The git author of the commits a call makes, from the request's identity (default: the
   * identity itself when `authenticate` gives one, else the repository's git configuration).
   */
  author?: (identity: Identity) => Identity;
  /**
   * The site's clock (default src/lib/content/clock.ts: real time plus EIG_CLOCK_OFFSET_MS): what
   * the scheduler, the guard and each build take as now. Tests move it in-process; never from a request.
   */
  now?: () => Date;
  /** How often the scheduler reads the drafts (default 20 s, backoffice/schedule/scheduler.ts). */
  scheduleMs?: number;
  /**
   * The content repository's remote (CONTENT_REMOTE, git/remote.ts and git/sync.ts): the
   * repository is a clone of it, each publication is pushed, its new commits are fetched every
   * `fetchMs` (default a minute) and published through the guard.
   */
  remote?: (ContentRemote & { fetchMs?: number | undefined }) | undefined;
  /** The public site's folder (PUBLISH_DIR): each good build becomes `<publishDir>/current` (publish/live-dir.ts). */
  publishDir?: string | undefined;
  /** A program run after each swap with the new build's folder (DEPLOY_COMMAND, publish/live-dir.ts). */
  deployCommand?: string | undefined;
  /**
   * Told each time the published branch moves or a publication is refused, and who did it (an
   * editor's, a scheduled one, the content remote's commits: publish/events.ts). The team
   * back-office writes it into its journal (team/publications.ts).
   */
  onPublished?: ((event: PublishedEvent) => void) | undefined;
}

/** The deploy command's last run (publish/live-dir.ts). */
export interface DeployOutcome {
  state: 'running' | 'ok' | 'failed';
  commit: string;
  /** The build it was given. */
  dir: string;
  at: string;
  ms?: number;
  /** Exit code (null: not started, or killed by a signal). */
  code?: number | null;
  signal?: string;
  timedOut?: boolean;
  /** The end of its error output (or why it could not start). */
  stderr?: string;
}

/** The public site (PUBLISH_DIR): what `current` names, since when. */
export interface LiveStatus {
  commit: string;
  dir: string;
  at: string;
  /** nginx-csp.conf differs from the previous build's (nginx reads it at reload only). */
  cspChanged: boolean;
  ms: number;
  deploy?: DeployOutcome;
}

/** Who published what and when: the published commit's author, and the entries it changed. */
export interface PublicationInfo {
  commit: string;
  /** The commit's author (the person signed in; npm start: the repository's git identity). */
  author: { name: string; email: string };
  /** When it reached the published branch (commit date). */
  at: string;
  entries: Array<{ kind: string; title: string; file: string; admin?: string | undefined; change: 'added' | 'modified' | 'deleted' }>;
  /** Entries beyond the listed ones. */
  more: number;
}

export interface BuildError {
  commit: string; at: string;
  /** What the content checks refused (errors), as data; empty for an environment failure. */
  problems: Problem[];
  /** The build's output (terminal text; not in /_status.json). */
  output: string;
  /**
   * `content`: the checks refused it (waits for a new publication); `environment`: the server
   * failed (a folder not writable, a full disk…: retried at `retryAt`, the content unchanged).
   */
  kind?: 'content' | 'environment';
  /** Environment failures: the cause in an editor's words (build-failure.ts). */
  cause?: string;
  /** Environment failures: when the same commit is built again, and how many attempts failed. */
  retryAt?: string;
  attempts?: number;
}
export interface StackStatus {
  state: 'starting' | 'building' | 'ready' | 'failed';
  /** Commit of the published branch. */
  published: string;
  /** Commit the served site was built from. */
  served?: string;
  servedAt?: string;
  servedDir?: string;
  /** Last build (or failure) duration in ms. */
  lastBuildMs?: number;
  builds: number;
  /** Set while the last build of the published commit failed. */
  error?: BuildError;
  /** The last API call the guard refused (shown by the /admin/ status bar for a while). */
  refusal?: { action: string; error: string; at: string; problems?: Problem[] | undefined };
  /** How the last successful build went (in-process renderer): pages rendered vs hard-linked, ms per phase. */
  lastPublication?: PublicationFigures;
  /** Health of the back-office repository (cms-health.ts): writes are refused while it is damaged. */
  repository?: RepoHealth;
  /** Who published the served commit, what and when (publish/publication.ts). */
  publication?: PublicationInfo;
  /** The public site's folder, when PUBLISH_DIR is set (publish/live-dir.ts). */
  live?: LiveStatus;
  /** The exchange with the content remote, when there is one (git/sync.ts). */
  remote?: RemoteStatus;
  /** Scheduled publications (« Publier le »): the drafts that carry one, and the refusals met at their time. */
  schedule?: ScheduleStatus;
}

export interface PublicationFigures {
  commit: string;
  /** Process that rendered the pages (this server's own pid: no build process is spawned). */
  pid: number;
  /** Whether the server bundle had to be made first (first start after a code change). */
  bundled: boolean;
  incremental: boolean;
  pages: number;
  rendered: number;
  linked: number;
  written: number;
  /** Per phase: checkout, check, fingerprints, routes, pages, integrations, state, search, csp, swap; total. */
  ms: Record<string, number>;
}

export interface Stack {
  url: string;
  port: number;
  repoDir: string;
  buildsDir: string;
  status(): StackStatus;
  /**
   * Resolves once the publisher is loaded (the pages' bundle imported, made first after a code
   * change): the server answers before that, publications wait for it. Tests start from here.
   */
  ready(): Promise<void>;
  /** Resolves once the site serves `commit` (or fails with the build error). */
  waitForServed(commit: string, timeoutMs?: number): Promise<StackStatus>;
  /** One tick of the scheduler now (tests, after moving the clock); resolves once it is over. */
  scheduleTick(): Promise<void>;
  stop(): Promise<void>;
}
