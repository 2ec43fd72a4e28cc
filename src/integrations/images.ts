import { copyFileSync, createReadStream, linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { IMAGE_URL_PREFIX, MIME, PLACEHOLDER_NAME, PLACEHOLDER_SVG, defaultCacheDir, generateWidth, groupByWidth, runLimited, type Variant } from '../lib/images/pipeline.ts';
import { clearRegistry, lookupVariant, registeredVariants } from '../lib/images/registry.ts';

export interface ImagesOptions {
  /** Where generated files are kept between builds (default: IMAGE_CACHE_DIR or node_modules/.cache/eig-images). */
  cacheDir?: string;
  /** Images processed at once (default: IMAGE_CONCURRENCY or 2, one libvips thread each). */
  concurrency?: number;
}

/**
 * Writes the image variants pages asked for (src/lib/images/) under `/_img/`:
 * - build: pages register variants while rendering; at the end, missing ones are generated into
 *   the cache, then every one is copied into the output (names are content hashes: immutable);
 * - dev: a middleware generates a variant on first request and serves it from the cache.
 */
export function images(options: ImagesOptions = {}): AstroIntegration {
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const concurrency = options.concurrency ?? (Number(process.env['IMAGE_CONCURRENCY']) || 2);
  return {
    name: 'eig-images',
    hooks: {
      'astro:build:start': () => clearRegistry(),
      'astro:server:setup': ({ server }) => {
        const pending = new Map<string, Promise<unknown>>();
        server.middlewares.use(IMAGE_URL_PREFIX.slice(0, -1), (req, res, next) => {
          const name = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/').replace(/^\/+/, '');
          if (name === PLACEHOLDER_NAME) {
            res.setHeader('Content-Type', 'image/svg+xml');
            res.end(PLACEHOLDER_SVG);
            return;
          }
          const variant = lookupVariant(name);
          if (!variant) return next();
          const key = `${variant.source}\n${variant.width}`;
          let job = pending.get(key);
          if (!job) {
            const group = groupByWidth(registeredVariants().filter((v) => v.source === variant.source && v.width === variant.width))[0] ?? [variant];
            job = generateWidth(group, cacheDir).finally(() => pending.delete(key));
            pending.set(key, job);
          }
          job.then(() => {
            res.setHeader('Content-Type', MIME[variant.format]);
            res.setHeader('Cache-Control', 'no-cache');
            createReadStream(join(cacheDir, name)).pipe(res);
          }, (e: unknown) => next(e));
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const variants = registeredVariants();
        const started = performance.now();
        const out = join(fileURLToPath(dir), IMAGE_URL_PREFIX);
        mkdirSync(out, { recursive: true });
        writeFileSync(join(out, PLACEHOLDER_NAME), PLACEHOLDER_SVG);
        let generated = 0;
        let cached = 0;
        const groups = groupByWidth(variants);
        const failed = new Set<string>();
        const errors = await runLimited(groups, concurrency, async (group: Variant[]) => {
          try {
            const r = await generateWidth(group, cacheDir);
            generated += r.generated;
            cached += r.cached;
          } catch (e) {
            failed.add(group[0]!.source);
            throw e;
          }
        });
        let copied = 0;
        for (const v of variants) {
          // A hard link is instant and the files never change (content-addressed); copy across
          // devices. One system call per variant (a publication links every variant of the site).
          const file = join(cacheDir, v.name);
          const target = join(out, v.name);
          try { linkSync(file, target); } catch (e) {
            const code = (e as NodeJS.ErrnoException).code;
            if (code === 'ENOENT') continue; // not generated (its conversion failed, reported below)
            if (code !== 'EEXIST') copyFileSync(file, target);
          }
          copied++;
        }
        const secs = ((performance.now() - started) / 1000).toFixed(1);
        logger.info(`${copied} fichiers d'images dans ${IMAGE_URL_PREFIX} (${generated} générés, ${cached} depuis le cache) en ${secs} s`);
        // A source that cannot be converted leaves broken srcset entries: say which, once each.
        for (const source of failed) logger.warn(`image non convertie : ${source}`);
        if (errors.length) logger.warn(`${errors.length} conversion(s) en échec : ${String(errors[0])}`);
      },
    },
  };
}
