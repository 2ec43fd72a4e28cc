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
  },
};
