/** What the long-lived renderer (renderer.ts) is given and gives back. */
export interface RendererOptions {
  /** The project (src/, astro.config.ts…). */
  codeRoot: string;
  /** Where server bundles are kept, one per code version (default <codeRoot>/node_modules/.cache/eig-render). */
  cacheDir?: string;
  /**
   * Absolute public URL (canonical, Open Graph, sitemap), given at render time: NOT part of the
   * bundle's key (bundle.ts `codeHash`), so renderers of other URLs share one bundle; a build's
   * state records it, and an update for another URL renders every page. Default: SITE_URL as
   * `npm run build` reads it (src/lib/site-env.ts); when given, SITE_URL is set to it while rendering.
   */
  siteUrl?: string | undefined;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /**
   * Save each build's state on disk, so that another process can update from it (default true).
   * `npm run build` saves once, after moving its output into place (`relocate`).
   */
  persist?: boolean;
  /**
   * Called once the pages and endpoints are in `outDir`, before the integrations' files (media,
   * /_img/, /admin/, sitemap, redirects): e.g. to start the search index (Pagefind, its own
   * process) while they are written. `previous`: the build this one links from, if any.
   */
  afterPages?: (outDir: string, previous: string | undefined) => void;
  /** Stops a bundling in progress (its child process group): createRenderer then rejects. */
  signal?: AbortSignal;
}

export interface RenderResult {
  /** Files written (pages, endpoints, integration outputs, search index), not hard-linked. */
  written: number;
  /** Files hard-linked from the previous build (same bytes). */
  linked: number;
  /** Pages and endpoints rendered (the others read nothing that changed: linked). */
  rendered: number;
  pages: number;
  ms: Record<string, number>;
}

export interface Renderer {
  /** Hash of the code the bundle was made from. */
  codeHash: string;
  /** Whether this call had to make the server bundle (false: reused from the cache). */
  bundled: boolean;
  /** `now`: the instant the content is shown at (entries scheduled after it are left out; default the site's clock, src/lib/content/clock.ts). */
  full(contentDir: string, mediaDir: string, outDir: string, now?: Date): Promise<RenderResult>;
  update(contentDir: string, mediaDir: string, changedPaths: string[], prevOutDir: string, outDir: string, now?: Date): Promise<RenderResult>;
  close(): Promise<void>;
  /** Output folder of the last build this renderer (or a previous process with the same code) made. */
  lastOutDir(): string | undefined;
  /** The last output was moved (renamed) to `to`: the next update links from there. */
  relocate(to: string): void;
  /** Whether an update can start from the build in `dir` (its state is known: this process's or saved). */
  canUpdateFrom(dir: string): boolean;
  /** What starting took, by step (code hash, bundle, modules), in ms. */
  startupMs?: Record<string, number>;
  /**
   * Renders the one page (or endpoint) at `pathname` from the content as CONTENT_DIR/MEDIA_DIR
   * (and any overlay, src/lib/content/repository.ts) give it now: the back-office preview
   * (backoffice/preview/render.ts). Nothing is written; the caller sets the environment.
   */
  renderPath(pathname: string): Promise<Response>;
}
