import { describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileFor, pagesToCheck } from '../helpers/built.ts';
import { htmlFiles } from '../helpers/links.ts';
import { kb, pageWeight, staticImports, type PageWeight } from '../helpers/weight.ts';
import { PURGEABLE } from '../../src/lib/dsfr/purge.ts';

const dist = inject('distDir');
// HTML + CSS + JS of one page, gzip. Was 100 Ko; 80 since the DSFR CSS is split per component and
// its core purged (heaviest page 69 Ko then): room for a new component, not for all of them again.
const BUDGET = 80 * 1024;
// Every built page except Decap's back-office, which is not a public page.
const pages = htmlFiles(dist).filter((p) => !p.startsWith('/admin/'));
const weights = new Map<string, PageWeight>(pages.map((p) => [p, pageWeight(dist, p)]));
const detail = (w: PageWeight) => `${w.page}: ${kb(w.total)} (HTML ${kb(w.html)}, CSS ${kb(w.css)}, JS ${kb(w.js)}) — ${Object.entries(w.files).map(([f, n]) => `${f} ${kb(n)}`).join(', ')}`;

/**
 * Scripts only some pages need. `code` recognises the script in what a page loads; `needed`
 * says whether the page needs it. A page must load it exactly when it needs it.
 */
const PAGE_SCRIPTS: { name: string; code: (w: PageWeight) => boolean; needed: (w: PageWeight) => boolean }[] = [
  {
    name: 'Pagefind (recherche)',
    code: (w) => w.scripts.some((s) => s.startsWith('/pagefind/')) || /pagefind(-ui|-component-ui)?\.js/.test(w.jsText),
    needed: (w) => w.page === '/recherche/',
  },
  { name: 'accordéon DSFR', code: (w) => w.jsText.includes('return"AccordionsGroup"'), needed: (w) => w.classes.has('fr-accordion') },
  { name: 'onglets DSFR', code: (w) => w.jsText.includes('return"TabsGroup"'), needed: (w) => w.classes.has('fr-tabs') },
];

describe('weight budget: HTML + CSS + JS ≤ 80 Ko gzip per page (fonts and images excluded)', () => {
  it('finds pages to weigh', () => { expect(pages.length).toBeGreaterThan(1); });

  it('reads static imports of minified modules', () => {
    expect(staticImports('import"./a.js";import{b as c}from"./b.js";export{d}from"/_astro/d.js";const e=import("./lazy.js")')).toEqual(['./a.js', './b.js', '/_astro/d.js']);
  });

  it('every page of the sitemap is weighed', () => {
    const { paths } = pagesToCheck(dist);
    expect(paths.filter((p) => !weights.has(p))).toEqual([]);
  });

  it('every DSFR icon a page uses is declared by its CSS (the icon list is trimmed by hand)', () => {
    const missing = [...weights.values()].flatMap((w) => {
      const css = Object.keys(w.files).filter((f) => f.endsWith('.css')).map((f) => readFileSync(fileFor(dist, f)!, 'utf8')).join('\n');
      return [...w.classes].filter((c) => /^fr-icon-[a-z0-9]/.test(c) && !new RegExp(`\\.${c}:{1,2}before`).test(css))
        .map((c) => `${w.page} : ${c} n’est déclarée par aucune feuille de style (ajoutez-la à src/styles/dsfr-icons.css)`);
    });
    expect(missing).toEqual([]);
  });

  it('every DSFR spacing, grid and visibility utility a page uses is declared by its CSS (the core is purged at build)', () => {
    const missing = [...weights.values()].flatMap((w) => {
      const css = Object.keys(w.files).filter((f) => f.endsWith('.css')).map((f) => readFileSync(fileFor(dist, f)!, 'utf8')).join('\n');
      return [...w.classes].filter((c) => PURGEABLE.test(`.${c}`) && !css.includes(`.${c}{`) && !css.includes(`.${c},`))
        .map((c) => `${w.page} : ${c} n’est pas dans la CSS de la page (src/lib/dsfr/purge.ts ne l’a pas vue dans src/)`);
    });
    expect(missing).toEqual([]);
  });

  it('no page is over budget', () => {
    const over = [...weights.values()].filter((w) => w.total > BUDGET).map(detail);
    const heaviest = [...weights.values()].sort((a, b) => b.total - a.total)[0]!;
    console.log(`page la plus lourde : ${detail(heaviest)}`);
    expect(over).toEqual([]);
  });
});

/**
 * Each component or page script (Astro names its bundle `<Component>.astro_astro_type_script…`)
 * and the pages that need it. A new script must be added here, with what a page needs it for.
 */
const COMPONENT_SCRIPTS: Record<string, (w: PageWeight) => boolean> = {
  Base: () => true, // the DSFR core, header, navigation, display settings: every page
  Accordion: (w) => w.classes.has('fr-accordion'),
  Filters: (w) => w.classes.has('eig-filters'),
  ContactForm: (w) => w.classes.has('eig-contact'),
  recherche: (w) => w.page === '/recherche/',
};

describe('no page ships JavaScript it does not use', () => {
  it('each component script is loaded only by pages that render that component', () => {
    const wrong = [...weights.values()].flatMap((w) => w.scripts.flatMap((s) => {
      const name = /\/([^/]+)\.astro_astro_type_script/.exec(s)?.[1];
      if (!name) return [];
      const needed = COMPONENT_SCRIPTS[name];
      if (!needed) return [`${w.page} : ${s} vient d’un script inconnu de ce test (ajoutez « ${name} » à COMPONENT_SCRIPTS)`];
      return needed(w) ? [] : [`${w.page} charge ${s} sans afficher le composant ${name}`];
    }));
    expect(wrong).toEqual([]);
  });

  for (const rule of PAGE_SCRIPTS) {
    it(`${rule.name}: loaded exactly on the pages that need it`, () => {
      const wrong = [...weights.values()].flatMap((w) => {
        const has = rule.code(w);
        const needs = rule.needed(w);
        if (has && !needs) return [`${w.page} charge ${rule.name} sans en avoir besoin`];
        if (!has && needs) return [`${w.page} a besoin de ${rule.name} mais ne le charge pas`];
        return [];
      });
      expect(wrong).toEqual([]);
    });
  }
});
