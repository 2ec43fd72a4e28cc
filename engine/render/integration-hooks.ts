/**
 * How the renderer calls the site's Astro integrations outside `astro build`
 * (src/integrations/site.ts, the same ones astro.config.ts uses): their logger, and their hooks
 * looked up by name.
 */
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';

// The integrations' logger: Astro's class declares only public members, so an object of that
// shape is one (no cast); its lines go to `log`.
export const logger = (label: string, log: (s: string) => void): AstroIntegrationLogger => ({
  label, options: { dest: { write: () => true }, level: 'info' },
  fork: (name: string) => logger(name, log),
  info: (m: string) => log(`[${label}] ${m}`),
  warn: (m: string) => log(`[${label}] ATTENTION ${m}`),
  error: (m: string) => log(`[${label}] ERREUR ${m}`),
  debug: () => {},
});

export type Hook = (...args: unknown[]) => unknown;
export const hook = (i: AstroIntegration, name: string): Hook | undefined => (i.hooks as Record<string, Hook | undefined>)[name];

