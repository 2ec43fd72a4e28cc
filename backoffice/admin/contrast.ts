/**
 * Contrast of Decap's own text (axe color-contrast, #22 item 2): Decap writes secondary text in
 * its grey #798291 (3.4 to 3.9:1 on its white and #eff0f4 backgrounds, under WCAG's 4.5:1 for
 * text this small) and its danger badges in #ff003b (3.2 to 4:1). Decap's colours are JavaScript
 * constants of its bundle, not CSS variables, so they are overridden here by its components'
 * emotion labels (the `-Label` part of each generated class name, stable across rebuilds of one
 * version): DSFR's #3a3a3a (grey text, 11:1 on white) and #ce0500 (error, 5.9:1 on white, 4.9:1
 * on the badge's #fbe0d7). Active links (.header-link-active, .sidebar-active) keep Decap's blue.
 * Injected once by preview.ts, before Decap's login screen renders.
 */
const GREY_TEXT = [
  '[class*="-AppHeaderNavLink"]:not(.header-link-active)',
  '[class*="-AppHeaderButton"]',
  '[class*="-AppHeaderSiteLink"]',
  '[class*="-SidebarNavLink"]:not(.sidebar-active)',
  '[class*="-ButtonText"]',
  '[class*="-CardText"]',
  '[class*="-WorkflowTopDescription"]',
  '[class*="-ColumnCount"]',
  '[class*="-CardDateContainer"]',
  '[class*="-CardBody"]',
];

export const CONTRAST_CSS = [
  `${GREY_TEXT.join(',')}{color:#3a3a3a !important}`,
  '[class*="badgeDanger" i]{color:#ce0500 !important}',
  // A workflow card's « Supprimer les modifications » (its red #ff003b on #fcefea: 3.5:1), shown
  // on a phone by narrow.ts, on hover or focus elsewhere.
  '[class*="-DeleteButton"]{color:#ce0500 !important}',
  // The « Texte enrichi / Markdown » switch of a Markdown field inside an object or a list (grey
  // #dfdfe3 toolbar, the programme page): its labels were Decap's blue (3.9:1) and grey.
  '[class*="-ToolbarToggleLabel"]{color:#3a3a3a !important}',
  '[class*="-ToolbarToggleLabel-ToolbarToggleLabel"]{color:#000091 !important}',
  // Toasts (react-toastify): white on its green #07bc0c (2.6:1) → DSFR's success green #18753c (5.6:1).
  '.Toastify__toast--success{background-color:#18753c !important}',
  // Decap's plain dropdown buttons (« Nouveau… » on the board): white on its grey; not the ones
  // restyled as grey text on white (« Trier par ») or as the editor's publication status, nor
  // « Statut : Brouillon » (its blue #17a2b8 ended up on this dark grey: 3.7:1).
  '[class*="-StyledDropdownButton"][class*="-default"]:not([class*="grayText"]):not([class*="publishedButton"]):not([class*="-StatusButton"]){background-color:#3a3a3a !important}',
  // « Statut : … » in the editor's toolbar: DSFR's blue France on its light blue (13:1).
  '[class*="-StatusButton"]{background-color:#e8edff !important;color:#000091 !important}',
].join('\n');

if (typeof document !== 'undefined') {
  const style = document.createElement('style');
  style.textContent = CONTRAST_CSS;
  document.head.append(style);
}
