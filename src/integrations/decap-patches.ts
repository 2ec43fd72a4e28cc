/**
 * Changes made to Decap CMS 3.16.3's prebuilt bundle (dist/decap-cms.js) when it is installed
 * (src/integrations/decap-bundle.ts), where neither its configuration, its locales nor its
 * extension points (registerWidget, registerLocale…) reach. Each patch replaces one exact piece
 * of the minified code, found exactly once, or the install stops with a French error naming it:
 * a new Decap version never ships half-patched. Every patch says what it changes and why.
 */
import { createHash } from 'node:crypto';

export interface BundlePatch { id: string; why: string; find: string; replace: string }

export const PATCHES: readonly BundlePatch[] = [
  {
    id: 'header-site-link',
    why: 'The header link to the site showed its address (« 127.0.0.1:4620 ») as its text: it now says « Voir le site », from the locale (ui.default.goBackToSite).',
    find: 'e?Rn(f_,{href:e,target:"_blank",children:Pl(e)})',
    replace: 'e?Rn(f_,{href:e,target:"_blank",children:i("ui.default.goBackToSite")})',
  },
  {
    id: 'workflow-card-text',
    why: 'Workflow cards showed the body\'s raw Markdown (« ## Objectifs … [site](https://…) »): they show its text, made by backoffice/admin/card-text.ts (window.eigCardText) when loaded, after « Publication programmée le 15 janvier à 9 h » when the entry has a « Publier le » (publishAt).',
    find: 'body:e.getIn(["data","body"])',
    replace: 'body:(window.eigCardText||String)(e.getIn(["data","body"])||"",e.getIn(["data","publishAt"]))',
  },
  {
    id: 'select-remove-label',
    why: 'react-select (relations, selects) labels the cross of each chosen value « Remove Santé » for screen readers: « Retirer Santé ».',
    find: '"aria-label":"Remove ".concat(t||"option")',
    replace: '"aria-label":"Retirer ".concat(t||"cet élément")',
  },
  {
    id: 'select-live-messages-fr',
    why: 'react-select (every relation and select widget) speaks to screen readers in English through its live region (« option Santé, selected. », « Use Up and Down to choose options… »). Its messages are props (ariaLiveMessages) that Decap\'s widgets never pass and its configuration cannot reach: the library\'s defaults, shared by every instance of the bundle, are replaced by French ones.',
    find: "O$={guidance:function(e){var t=e.isSearchable,n=e.isMulti,r=e.tabSelectsValue,i=e.context,o=e.isInitialFocus;switch(i){case\"menu\":return\"Use Up and Down to choose options, press Enter to select the currently focused option, press Escape to exit the menu\".concat(r?\", press Tab to select the option and exit the menu\":\"\",\".\");case\"input\":return o?\"\".concat(e[\"aria-label\"]||\"Select\",\" is focused \").concat(t?\",type to refine list\":\"\",\", press Down to open the menu, \").concat(n?\" press left to focus selected values\":\"\"):\"\";case\"value\":return\"Use left and right to toggle between focused values, press Backspace to remove the currently focused value\";default:return\"\"}},onChange:function(e){var t=e.action,n=e.label,r=void 0===n?\"\":n,i=e.labels,o=e.isDisabled;switch(t){case\"deselect-option\":case\"pop-value\":case\"remove-value\":return\"option \".concat(r,\", deselected.\");case\"clear\":return\"All selected options have been cleared.\";case\"initial-input-focus\":return\"option\".concat(i.length>1?\"s\":\"\",\" \").concat(i.join(\",\"),\", selected.\");case\"select-option\":return\"option \".concat(r,o?\" is disabled. Select another option.\":\", selected.\");default:return\"\"}},onFocus:function(e){var t=e.context,n=e.focused,r=e.options,i=e.label,o=void 0===i?\"\":i,a=e.selectValue,s=e.isDisabled,l=e.isSelected,u=e.isAppleDevice,c=function(e,t){return e&&e.length?\"\".concat(e.indexOf(t)+1,\" of \").concat(e.length):\"\"};if(\"value\"===t&&a)return\"value \".concat(o,\" focused, \").concat(c(a,n),\".\");if(\"menu\"===t&&u){var d=s?\" disabled\":\"\",p=\"\".concat(l?\" selected\":\"\").concat(d);return\"\".concat(o).concat(p,\", \").concat(c(r,n),\".\")}return\"\"},onFilter:function(e){var t=e.inputValue,n=e.resultsMessage;return\"\".concat(n).concat(t?\" for search term \"+t:\"\",\".\")}}",
    replace: "O$={guidance:function(e){var t=e.isSearchable,n=e.isMulti,r=e.tabSelectsValue,i=e.context,o=e.isInitialFocus;switch(i){case\"menu\":return\"Flèches haut et bas pour parcourir les options, Entrée pour choisir l’option en cours, Échap pour fermer la liste\".concat(r?\", Tab pour choisir l’option et fermer la liste\":\"\",\".\");case\"input\":return o?\"\".concat(e[\"aria-label\"]||\"Liste de choix\",\" : \").concat(t?\"tapez pour filtrer la liste, \":\"\",\"flèche bas pour l’ouvrir\").concat(n?\", flèche gauche pour aller aux valeurs choisies\":\"\",\".\"):\"\";case\"value\":return\"Flèches gauche et droite pour passer d’une valeur choisie à l’autre, Retour arrière pour retirer la valeur en cours.\";default:return\"\"}},onChange:function(e){var t=e.action,n=e.label,r=void 0===n?\"\":n,i=e.labels,o=e.isDisabled;switch(t){case\"deselect-option\":case\"pop-value\":case\"remove-value\":return\"Option \".concat(r,\" retirée.\");case\"clear\":return\"Toutes les options choisies ont été retirées.\";case\"initial-input-focus\":return(i.length>1?\"Options choisies : \":\"Option choisie : \").concat(i.join(\", \"),\".\");case\"select-option\":return\"Option \".concat(r,o?\" indisponible : choisissez-en une autre.\":\" choisie.\");default:return\"\"}},onFocus:function(e){var t=e.context,n=e.focused,r=e.options,i=e.label,o=void 0===i?\"\":i,a=e.selectValue,s=e.isDisabled,l=e.isSelected,u=e.isAppleDevice,c=function(e,t){return e&&e.length?\"\".concat(e.indexOf(t)+1,\" sur \").concat(e.length):\"\"};if(\"value\"===t&&a)return\"Valeur \".concat(o,\" en cours, \").concat(c(a,n),\".\");if(\"menu\"===t&&u){var d=s?\", indisponible\":\"\",p=\"\".concat(l?\", choisie\":\"\").concat(d);return\"\".concat(o).concat(p,\", \").concat(c(r,n),\".\")}return\"\"},onFilter:function(e){var t=e.inputValue,n=e.resultsMessage;return\"\".concat(n).concat(t?\" pour la recherche « \"+t+\" »\":\"\",\".\")}}",
  },
  {
    id: 'select-status-fr',
    why: 'react-select\'s other default words, for the same reason: the number of results read after each keystroke (« 5 results available »), the placeholder (« Select... ») and the empty and loading menus (« No options », « Loading... »).',
    find: 'loadingMessage:function(){return"Loading..."},maxMenuHeight:300,minMenuHeight:140,menuIsOpen:!1,menuPlacement:"bottom",menuPosition:"absolute",menuShouldBlockScroll:!1,menuShouldScrollIntoView:!function(){try{return/Android|webOS|iPhone|iPad|iPod|BlackBerry|IEMobile|Opera Mini/i.test(navigator.userAgent)}catch(e){return!1}}(),noOptionsMessage:function(){return"No options"},openMenuOnFocus:!1,openMenuOnClick:!0,options:[],pageSize:5,placeholder:"Select...",screenReaderStatus:function(e){var t=e.count;return"".concat(t," result").concat(1!==t?"s":""," available")}',
    replace: 'loadingMessage:function(){return"Chargement…"},maxMenuHeight:300,minMenuHeight:140,menuIsOpen:!1,menuPlacement:"bottom",menuPosition:"absolute",menuShouldBlockScroll:!1,menuShouldScrollIntoView:!function(){try{return/Android|webOS|iPhone|iPad|iPod|BlackBerry|IEMobile|Opera Mini/i.test(navigator.userAgent)}catch(e){return!1}}(),noOptionsMessage:function(){return"Aucune option"},openMenuOnFocus:!1,openMenuOnClick:!0,options:[],pageSize:5,placeholder:"Choisir…",screenReaderStatus:function(e){var t=e.count;return 0===t?"Aucun résultat":1===t?"1 résultat disponible":"".concat(t," résultats disponibles")}',
  },
  {
    id: 'media-card-keyboard',
    why: 'Media library cards took focus (tabIndex 0) but Enter and Space did nothing: a keyboard user could not choose an image. The focusable cell is now a toggle button named by the file, selected by Enter or Space as by a click.',
    find: 'Rn("div",{tabIndex:"0",style:{...r,left:r.left+f*n',
    replace: 'Rn("div",{tabIndex:"0",role:"button","aria-pressed":o(m),"aria-label":m.name,onKeyDown:e=>{"Enter"!==e.key&&" "!==e.key||e.target!==e.currentTarget||(e.preventDefault(),a(m))},style:{...r,left:r.left+f*n',
  },
  {
    id: 'media-card-alt',
    why: 'A card\'s thumbnail had no alt (axe image-alt, 12 nodes): the card is named by its file, the thumbnail is decorative.',
    find: 'Rn(dx,{loading:"lazy",src:d}',
    replace: 'Rn(dx,{loading:"lazy",alt:"",src:d}',
  },
  {
    id: 'upload-keyboard',
    why: 'The « Téléverser » label took focus but Enter and Space did not open the file picker: they now click its file input.',
    find: 'Dn("label",{tabIndex:"0",className:`nc-fileUploadButton ${i||""}`,children:',
    replace: 'Dn("label",{tabIndex:"0",onKeyDown:e=>{"Enter"!==e.key&&" "!==e.key||(e.preventDefault(),e.currentTarget.querySelector("input")?.click())},className:`nc-fileUploadButton ${i||""}`,children:',
  },
  {
    id: 'preview-frame-title',
    why: 'The preview iframe had no name (axe frame-title): a screen reader announced « frame » with nothing to tell it from the form. It is titled « Aperçu de la page » (react-frame-component passes its other props to the iframe).',
    find: 'Rn(RT,{id:"preview-pane",head:a,initialContent:',
    replace: 'Rn(RT,{id:"preview-pane",title:"Aperçu de la page",head:a,initialContent:',
  },
  {
    id: 'markdown-editor-name',
    why: 'The rich-text area of Markdown fields (a contenteditable role=textbox) had no name (axe aria-input-field-name): it is named by its field\'s label.',
    find: 'renderElement:y,renderLeaf:b,onKeyDown:w,autoFocus:!1',
    replace: 'renderElement:y,renderLeaf:b,onKeyDown:w,autoFocus:!1,"aria-label":i.get("label")',
  },
  {
    id: 'mode-switch-state-name',
    why: 'The rich text / Markdown switch (role=switch) dropped the aria-label its toolbar gives it (axe button-name) and had no aria-checked while the mode was never toggled (axe aria-required-attr): the label is passed on and the state is always "true" or "false".',
    find: 'function n0({id:e,active:t,onChange:n,onFocus:r,onBlur:i,className:o,Container:a=Q1,Background:l=t0,Handle:u=e0}){const[c,d]=(0,s.useState)(t);return Dn(a,{id:e,onFocus:r,onBlur:i,className:o,onClick:function(){d(e=>!e),n&&n(!c)},role:"switch","aria-checked":c?.toString(),',
    replace: 'function n0({id:e,active:t,onChange:n,onFocus:r,onBlur:i,className:o,Container:a=Q1,Background:l=t0,Handle:u=e0,"aria-label":p}){const[c,d]=(0,s.useState)(t);return Dn(a,{id:e,onFocus:r,onBlur:i,className:o,onClick:function(){d(e=>!e),n&&n(!c)},role:"switch","aria-label":p,"aria-checked":String(!!c),',
  },
  {
    id: 'toolbar-button-as',
    why: 'Toolbar buttons can be drawn as a <span> (used by the two menus below): inside a menu\'s own role=button, a <button> was a second focusable control nested in the first (axe nested-interactive), reached by Tab for nothing.',
    find: 'function o0({type:e,label:t,icon:n,onClick:r,isActive:i,disabled:o}){return Rn(i0,{isActive:i,',
    replace: 'function o0({type:e,label:t,icon:n,onClick:r,isActive:i,disabled:o,as:p}){return Rn(i0,{as:p,isActive:i,',
  },
  {
    id: 'headings-menu-not-nested',
    why: 'The « Titres » menu of Markdown toolbars: its inner button is a <span>, the menu button (react-aria-menubutton, role=button) is named by the label (axe nested-interactive).',
    find: 'renderButton:()=>Rn(qb.Button,{children:Rn(a0,{type:"headings",',
    replace: 'renderButton:()=>Rn(qb.Button,{"aria-label":h("editor.editorWidgets.markdown.headings"),children:Rn(a0,{as:"span",type:"headings",',
  },
  {
    id: 'components-menu-not-nested',
    why: 'The « Insérer un élément » menu of Markdown toolbars: same as the headings menu (axe nested-interactive).',
    find: 'renderButton:()=>Rn(qb.Button,{children:Rn(a0,{label:h("editor.editorWidgets.markdown.addComponent"),',
    replace: 'renderButton:()=>Rn(qb.Button,{"aria-label":h("editor.editorWidgets.markdown.addComponent"),children:Rn(a0,{as:"span",label:h("editor.editorWidgets.markdown.addComponent"),',
  },
  {
    id: 'modal-label',
    why: 'Decap\'s modal (react-modal) took no name, so the media library was an unnamed dialog (axe aria-dialog-name): it passes a contentLabel on (react-modal\'s aria-label)…',
    find: 'const{isOpen:e,children:t,className:n,onClose:r}=this.props;return Dn(Pn,{children:[Rn(nb,{}),Rn(An,{children:({css:i,cx:o})=>Rn(eb(),{isOpen:e,',
    replace: 'const{isOpen:e,children:t,className:n,onClose:r,contentLabel:l}=this.props;return Dn(Pn,{children:[Rn(nb,{}),Rn(An,{children:({css:i,cx:o})=>Rn(eb(),{isOpen:e,contentLabel:l,',
  },
  {
    id: 'media-library-label',
    why: '… and the media library names itself « Médias », as its heading (mediaLibrary.mediaLibraryModal.mediaAssets).',
    find: 'Dn(Ox,{isOpen:e,onClose:v,isPrivate:d,children:',
    replace: 'Dn(Ox,{isOpen:e,onClose:v,isPrivate:d,contentLabel:O("mediaLibrary.mediaLibraryModal.mediaAssets"),children:',
  },
  {
    id: 'loading-bar-hidden',
    why: 'The loading bar (topbar, a <canvas> appended to <body> while Decap loads) is content outside every landmark (axe region) though it carries nothing to read: it is hidden from assistive technologies.',
    find: 'a||((r=(a=o.createElement("canvas")).style).position="fixed"',
    replace: 'a||((a=o.createElement("canvas")).setAttribute("aria-hidden","true"),(r=a.style).position="fixed"',
  },
  {
    id: 'home-screen',
    why: 'After login Decap redirected #/ to its first collection, an arbitrary list: #/ shows « Par où commencer » (backoffice/admin/home.ts, window.eigHome when loaded), given Decap\'s store and its loadUnpublishedEntries action to list the drafts waiting, as the workflow board does. Decap 3.16 has no custom page nor additional link to hang it on.',
    find: 'Rn(je,{exact:!0,from:"/",to:d})',
    replace: 'window.eigHome?Rn(He,{exact:!0,path:"/",render:()=>Rn(window.eigHome,{collections:n,store:Rg,loadUnpublishedEntries:md,fallback:d})}):Rn(je,{exact:!0,from:"/",to:d})',
  },
  {
    id: 'workflow-card-moves',
    why: 'Workflow cards change column by drag and drop only (react-dnd\'s HTML5 backend): each card now gets « Déplacer vers » buttons for the other columns (backoffice/admin/reorder.ts, window.eigCardMoves), which call the board\'s own status change as a drop does…',
    find: 'onDelete:this.requestDelete.bind(this,o,n,s),',
    replace: 'onDelete:this.requestDelete.bind(this,o,n,s),status:s,onMove:x=>this.handleChangeStatus(x,{slug:n,collection:o,ownStatus:s}),',
  },
  {
    id: 'workflow-card-moves-render',
    why: '… drawn at the top of the card, outside its link and clear of the buttons Decap shows over the card\'s bottom on hover or focus.',
    find: 'function HE({collectionLabel:e,title:t,authorLastChange:n,body:r,isModification:i,editLink:o,timestamp:a,onDelete:s,allowPublish:l,canPublish:u,onPublish:c,postAuthor:d,t:p}){return Dn(UE,{children:[',
    replace: 'function HE({collectionLabel:e,title:t,authorLastChange:n,body:r,isModification:i,editLink:o,timestamp:a,onDelete:s,allowPublish:l,canPublish:u,onPublish:c,postAuthor:d,t:p,status:S,onMove:M}){return Dn(UE,{children:[S&&M&&window.eigCardMoves?Rn(window.eigCardMoves,{status:S,onMove:M,title:t}):null,',
  },
  {
    id: 'list-item-moves',
    why: 'List items are reordered by dragging their handle only (dnd-kit without its keyboard sensor): each item\'s bar now gets « Monter » / « Descendre » (backoffice/admin/reorder.ts, window.eigListMoves), calling the list\'s own onSortEnd as a drop does…',
    find: 'onRemove:PC()(this.handleRemove,t),"data-testid":`styled-list-item-top-bar-${m}`',
    replace: 'onRemove:PC()(this.handleRemove,t),onMove:x=>this.onSortEnd({oldIndex:t,newIndex:t+x}),index:t,count:this.props.value?this.props.value.size:0,itemLabel:this.objectLabel(e),"data-testid":`styled-list-item-top-bar-${m}`',
  },
  {
    id: 'list-item-moves-render',
    why: '… drawn beside the drag handle when the list allows reordering.',
    find: 'a&&s?Rn(Efe,{Wrapper:a,id:l}):Rn("span",{}),',
    replace: 'a&&s?Rn(Efe,{Wrapper:a,id:l}):Rn("span",{}),s&&e.onMove&&window.eigListMoves?Rn(window.eigListMoves,{onMove:e.onMove,index:e.index,count:e.count,label:e.itemLabel}):null,',
  },
  {
    id: 'list-drag-handle-mouse-only',
    why: 'The drag handle was a focusable role=button (dnd-kit\'s attributes) that no key moves, described by dnd-kit\'s English instructions (« press the space bar »): a dead stop for the keyboard. It stays for the mouse, out of the tab order and hidden from assistive technologies; « Monter » / « Descendre » are the keyboard\'s way.',
    find: 'function jfe({children:e,id:t}){const{attributes:n,listeners:r}=uH({id:t});return Rn("div",{...n,...r,children:e})}',
    replace: 'function jfe({children:e,id:t}){const{listeners:r}=uH({id:t});return Rn("div",{...r,"aria-hidden":"true",children:e})}',
  },
  {
    id: 'media-library-global-files',
    why: 'With the editorial workflow, the media library of a NEW entry said « Aucun média. » although the server listed every file: Decap\'s selectMediaFiles returned the draft entry\'s own mediaFiles (none yet) instead of the library\'s files (known Decap bug, its issues #3654 and #3157). Our one global media_folder is shared by every entry: the entry\'s files come first, then the library\'s files it does not already have (same path), as without the workflow.',
    find: '.map(e=>({key:e.id,...e}))}else a=n.get("files")||[];return a}',
    replace: '.map(e=>({key:e.id,...e})),a=a.concat((e.mediaLibrary.get("files")||[]).filter(t=>!a.some(n=>n.path===t.path)))}else a=n.get("files")||[];return a}',
  },
];

/** The patched bundle, or a French error naming the patch whose code is not found once. */
export function patchBundle(code: string, patches: readonly BundlePatch[] = PATCHES): string {
  let out = code;
  for (const p of patches) {
    const count = out.split(p.find).length - 1;
    if (count !== 1) throw new Error(`Correctif « ${p.id} » du bundle Decap : le code à remplacer est présent ${count} fois au lieu d’une (version de Decap différente ?)`);
    out = out.replace(p.find, () => p.replace);
  }
  return out;
}

/** A short fingerprint of the patch set, stamped next to the installed bundle. */
export const patchesStamp = (patches: readonly BundlePatch[] = PATCHES): string =>
  createHash('sha256').update(JSON.stringify(patches.map(({ find, replace }) => [find, replace]))).digest('hex').slice(0, 16);
