import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fontCharacters, rewriteFontFaces, unicodeRange } from '../../src/lib/dsfr/fonts.ts';
import { PURGEABLE, purgeUtilities } from '../../src/lib/dsfr/purge.ts';
import { opensWithHeading } from '../../src/components/participer/own-heading.ts';

const require = createRequire(import.meta.url);
const core = readFileSync(require.resolve('@gouvfr/dsfr/dist/core/core.main.min.css'), 'utf8');

describe('DSFR core purge', () => {
  it('drops unused spacing, grid and visibility utilities, keeps used ones and everything else', () => {
    const css = '.fr-mt-2w{margin-top:1rem!important}.fr-mt-3w{margin-top:1.5rem!important}@media (min-width:48em){.fr-col-md-4{flex:0 0 33%}.fr-col-md-5{flex:0 0 41%}}.fr-btn{color:red}.fr-mb-1w,.fr-card{padding:0}';
    const out = purgeUtilities(css, new Set(['fr-mt-2w', 'fr-col-md-4']));
    expect(out).toContain('.fr-mt-2w{');
    expect(out).not.toContain('.fr-mt-3w');
    expect(out).toContain('@media (min-width:48em){.fr-col-md-4{flex:0 0 33%}}');
    expect(out).not.toContain('fr-col-md-5');
    expect(out).toContain('.fr-btn{color:red}');
    // A group keeps its non-utility selectors and its rule.
    expect(out).toContain('.fr-card{padding:0}');
    expect(out).not.toContain('.fr-mb-1w');
  });

  it('never purges a component class, and roughly halves the real core', () => {
    expect(PURGEABLE.test('.fr-card')).toBe(false);
    expect(PURGEABLE.test('.fr-btn--secondary')).toBe(false);
    expect(PURGEABLE.test('.fr-grid-row')).toBe(false);
    expect(PURGEABLE.test('.fr-py-md-6w')).toBe(true);
    expect(PURGEABLE.test('.fr-col-offset-lg-2')).toBe(true);
    const out = purgeUtilities(core, new Set(['fr-container', 'fr-grid-row', 'fr-col-12', 'fr-mt-2w']));
    expect(out.length).toBeLessThan(core.length * 0.6);
    for (const kept of ['.fr-container', '.fr-grid-row', '.fr-col-12', '.fr-mt-2w', '.fr-sr-only', 'h1,']) expect(out).toContain(kept);
    // Braces stay balanced (the file still parses as CSS blocks).
    expect(out.split('{').length).toBe(out.split('}').length);
  });
});

describe('Marianne subset', () => {
  it('covers French text: accents, ligatures, quotes, dashes, non-breaking spaces, euro', () => {
    const chars = fontCharacters();
    for (const c of 'àâäçéèêëîïôöùûüÿæœÀÂÇÉÈÊËÎÏÔÙÛÜŸÆŒ«»’‘“”–—…€\u00a0\u202f') expect(chars).toContain(c);
    expect(chars).not.toContain('Ж');
    expect(unicodeRange()).toMatch(/^U\+20-7E,U\+A0-FF,/);
  });

  it('points Marianne at the subset files, woff2 only, with the unicode-range', () => {
    const out = rewriteFontFaces(core, '@fonts');
    const faces = out.match(/@font-face\{[^}]*\}/g) ?? [];
    expect(faces.length).toBe(10);
    const marianne = faces.filter((f) => f.includes('Marianne'));
    expect(marianne.length).toBe(8);
    for (const f of marianne) {
      expect(f).toMatch(/src:url\(@fonts\/Marianne-[A-Za-z_]+\.woff2\) format\("woff2"\);unicode-range:U\+20-7E/);
      expect(f).toContain('font-display:swap');
    }
    expect(out).not.toMatch(/\.woff\)/);
  });
});

describe('a Markdown section with its own heading', () => {
  it('is recognised (ATX or setext), text alone is not', () => {
    expect(opensWithHeading('## Des questions ?\n\nTexte')).toBe(true);
    expect(opensWithHeading('\n  ### Côté communication')).toBe(true);
    expect(opensWithHeading('Côté communication\n---\n')).toBe(true);
    expect(opensWithHeading('Consultez la FAQ.\n\n## Plus loin')).toBe(false);
    expect(opensWithHeading('#hashtag')).toBe(false);
    expect(opensWithHeading(undefined)).toBe(false);
  });
});
