// The header's menu (#modal-menu) is a plain div on wide screens and a dialog on narrow ones:
// DSFR's navigation modal gives it role="dialog" only while it is a modal, and keeps its
// aria-labelledby for those moments (storeAria/restoreAria, read when DSFR starts). In the HTML,
// aria-labelledby on a div without a role is invalid (ARIA in HTML; an error of the W3C checker),
// so the dialog's name (its « Menu » button) is given here, before DSFR's modules run: this
// module is the first import of src/client/dsfr.ts.
document.getElementById('modal-menu')?.setAttribute('aria-labelledby', 'button-menu');
