/**
 * Decap's editor on a narrow screen (390 px, a phone; #22): its editor is drawn at least 800 px
 * wide (`min-width: 800px` on the editor and its toolbar), so at 390 px the page scrolled
 * sideways and the toolbar's buttons (« Enregistrer », « Publier », « Voir le site ») were cut
 * off. Below 800 px, by CSS only (Decap's styles are emotion classes, targeted by their stable
 * `-Label` part as contrast.ts does):
 * - the editor takes the screen's width; its toolbar wraps onto as many rows as it needs and
 *   the form starts below it, whatever its height (a column, not a fixed 66 px offset);
 * - the toolbar of Markdown fields lays its buttons in rows, its rich text / Markdown switch below
 *   them (its buttons were a column of 10 and the switch ran off the screen);
 * - the form and the preview are stacked (form above, preview below) instead of two columns of
 *   195 px; the drag handle between them, meaningless there, is hidden; the two round buttons
 *   (show the preview, synchronise scrolling), which floated over the fields, get a row above.
 * (`-Editor ` with its trailing space is the editor itself, not -EditorContainer or -EditorToggle.)
 * The workflow board (#/workflow) draws its three columns side by side at any width: at 390 px
 * each was 115 px wide and its cards' text cut. Below 40em they are stacked (« Brouillon », then
 * « En cours de révision », then « Prêt »), each card as wide as the screen; the board grows with
 * them (Decap fixes its height to the window's) and the separators drawn between side-by-side
 * columns are hidden. A card shows its whole text (Decap cut it at 140 px of height) and its
 * « Supprimer les modifications » / « Publier » buttons below it: Decap hides them under 500 px,
 * and above shows them only on hover, which a phone has not. Cards still move by drag and drop
 * or by their « Déplacer vers » buttons.
 * Injected once by preview.ts, like contrast.ts.
 */
const NARROW = '@media (max-width: 799.98px)';
const BOARD = '@media (max-width: 39.98em)';

export const BOARD_CSS = `${BOARD} {
[class*="-WorkflowContainer"] { height: auto !important; min-height: 100vh; }
[class*="-WorkflowListContainer"] { grid-template-columns: minmax(0, 1fr) !important; row-gap: 1.5rem; }
[class*="-WorkflowListContainer"] > div > div::before { display: none !important; }
[class*="-WorkflowCardContainer"] [class*="-WorkflowLink"] { height: auto !important; }
[class*="-WorkflowCardContainer"] [class*="-CardButtonContainer"] { position: static !important; display: flex !important; flex-direction: row !important; flex-wrap: wrap; opacity: 1 !important; border-top: 1px solid #dfdfe3; }
}`;

export const NARROW_CSS = `${NARROW} {
[class*="-EditorContainer"] { min-width: 0 !important; padding-top: 0 !important; display: flex !important; flex-direction: column; align-items: stretch; }
[class*="-EditorContainer"] > [class*="-ToolbarContainer"] { position: relative !important; min-width: 0 !important; height: auto !important; min-height: 66px; flex: none; flex-wrap: wrap; row-gap: .25rem; }
[class*="-EditorContainer"] > [class*="-ToolbarContainer"] > * { min-width: 0; height: auto !important; }
[class*="-EditorContainer"] > [class*="-ToolbarContainer"] > [class*="-ToolbarSectionBackLink"] { flex: 1 1 0; min-width: 0 !important; min-height: 56px; padding: .5rem .5rem .5rem 1rem !important; border-right: 0 !important; border-bottom: 1px solid #dfdfe3; }
[class*="-EditorContainer"] > [class*="-ToolbarContainer"] > [class*="-ToolbarSectionMain"] { order: 2; flex: 1 1 100%; min-width: 0; flex-wrap: wrap; padding: .25rem .5rem !important; }
[class*="-ToolbarSubSectionFirst"], [class*="-ToolbarSubSectionLast"] { flex-wrap: wrap; row-gap: .25rem; }
[class*="-EditorContainer"] > [class*="-ToolbarContainer"] > [class*="-ToolbarSectionMeta"] { order: 1; flex: none; min-width: 0; padding: 0 .5rem !important; border-left: 0 !important; border-bottom: 1px solid #dfdfe3; }
[class*="-EditorContainer"] > [class*="-ToolbarContainer"] > [class*="-ToolbarSectionMeta"] [class*="-AppHeaderSiteLink"] { padding-left: .25rem !important; padding-right: .25rem !important; }
[class*="-EditorContainer"] > [class*="-ToolbarContainer"] button, [class*="-EditorContainer"] > [class*="-ToolbarContainer"] [class*="-StyledDropdownButton"] { white-space: normal; height: auto !important; min-height: 36px; line-height: 1.25 !important; padding-top: .4rem !important; padding-bottom: .4rem !important; }
[class*="-Editor "] { margin-top: 0 !important; flex: 1 1 auto; width: 100%; min-height: 0; height: auto !important; display: flex; flex-direction: column; }
[class*="-ViewControls"] { position: static !important; flex: none; display: flex; justify-content: flex-end; gap: .5rem; padding: .25rem .5rem; border-bottom: 1px solid #dfdfe3; }
[class*="-ViewControls"] > * { margin: 0 !important; }
[class*="-Editor "] > div:not([class*="-ViewControls"]) { position: relative; flex: 1 1 auto; min-height: 0; }
[class*="-EditorControlBar"] > [class*="-ToolbarContainer"] { flex-wrap: wrap; row-gap: .5rem; }
[class*="-EditorControlBar"] > [class*="-ToolbarContainer"] > div:first-child { flex: 1 1 100%; }
[class*="-EditorControlBar"] [class*="-ToolbarToggle"]:not(button) { flex: 1 1 100%; justify-content: flex-start; min-width: 0; margin: 0 !important; }
.SplitPane.vertical { flex-direction: column !important; }
.SplitPane.vertical > .Pane1 { width: 100% !important; flex: 1 1 55% !important; min-height: 0; }
.SplitPane.vertical > .Pane2 { width: 100% !important; flex: 1 1 45% !important; min-height: 0; border-top: 2px solid #dfdfe3; }
.SplitPane.vertical > .Resizer { display: none; }
}`;

if (typeof document !== 'undefined') {
  const style = document.createElement('style');
  style.textContent = `${NARROW_CSS}\n${BOARD_CSS}`;
  document.head.append(style);
}
