/**
 * html-validate rules for the built pages (tests/quality/html.test.ts checks every page of the
 * build with them: 0 errors). A JavaScript file rather than .htmlvalidate.json because JSON has no
 * comments and every rule turned off here must say why.
 */
export default {
  extends: ['html-validate:recommended'],
  rules: {
    // The DSFR's documented markup repeats landmark roles (<header role="banner">,
    // <nav role="navigation">, <main role="main">, <footer role="contentinfo">): RGAA criterion 12.6
    // asks for them, for assistive technologies that ignore HTML5 landmarks. Redundant, not wrong.
    'no-redundant-role': 'off',
    // The DSFR header menu is a <div class="fr-modal" aria-labelledby="button-menu">, as documented:
    // the DSFR script gives it role="dialog" at runtime, where the name applies. axe-core checks the
    // real accessible names in the browser (tests/a11y/axe.test.ts).
    'aria-label-misuse': 'off',
    // Astro writes its redirect pages with a lowercase <!doctype html>; the case of the doctype is
    // a matter of style, both forms are valid HTML.
    'doctype-style': 'off',
    // Same for void elements: the Markdown renderer and sanitize-html write <img/>, valid HTML.
    'void-style': 'off',
    // Page titles are "content title — site name"; editors choose article and défi titles, and
    // a long title is a writing matter (reviewed by Lighthouse's SEO audit), not invalid HTML.
    'long-title': 'off',
    // The list filters (défis, talents, agents) are radio buttons that filter the list in place,
    // without JavaScript too (CSS :has()); there is nothing to submit and no change of context
    // (WCAG 3.2.2), so technique H32's submit button would be a button that does nothing.
    'wcag/h32': 'off',
  },
};
