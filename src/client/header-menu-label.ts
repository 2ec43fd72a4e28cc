// The header's menu (#modal-menu) and search bar (#modal-search) are plain divs on wide screens
// and dialogs on narrow ones: DSFR's header modal gives them role="dialog" only while they are
// modals, and keeps their aria-labelledby for those moments (storeAria/restoreAria, read when
// DSFR starts). In the HTML, aria-labelledby on a div without a role is invalid (ARIA in HTML;
// an error of the W3C checker), and a role="dialog" written in the HTML would stay on the wide
// screens' plain div, unnamed (DSFR removes the name there: axe's aria-dialog-name). So each
// dialog's name (its « Menu » or « Rechercher » button) is given here, before DSFR's modules run:
// this module is the first import of src/client/dsfr.ts. Without it, DSFR guesses the search
// dialog's name and warns « missing accessible name » in the console.
for (const [modal, button] of [['modal-menu', 'button-menu'], ['modal-search', 'button-search']] as const) {
  document.getElementById(modal)?.setAttribute('aria-labelledby', button);
}
