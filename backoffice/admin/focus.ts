/**
 * A visible focus on every control of Decap's screens: several of its buttons, cards and labels
 * draw none (outline: 0), and a main landmark (below). Injected once by preview.ts; the media cards and the « Téléverser »
 * label are made keyboard-operable by patches of the bundle (src/integrations/decap-patches.ts).
 */
export const FOCUS_CSS = [
  ':focus-visible{outline:3px solid #0a76f6 !important;outline-offset:2px !important}',
  '[role="button"][aria-pressed="true"]{box-shadow:0 0 0 3px #000091}',
  '.nc-fileUploadButton:focus-within{outline:3px solid #0a76f6;outline-offset:2px}',
].join('\n');

if (typeof document !== 'undefined') {
  const style = document.createElement('style');
  style.textContent = FOCUS_CSS;
  document.head.append(style);
}

/**
 * Decap's screens have no main landmark but its collection list (a <main> of its own): its root
 * (#nc-root, src/pages/admin/index.astro) is the main landmark whenever it holds no <main>.
 */
export function mainLandmark(root: HTMLElement): MutationObserver {
  const update = () => {
    const inner = root.querySelector('main') !== null;
    if (inner && root.getAttribute('role') === 'main') root.removeAttribute('role');
    else if (!inner && root.getAttribute('role') !== 'main') root.setAttribute('role', 'main');
  };
  update();
  const observer = new MutationObserver(update);
  observer.observe(root, { childList: true, subtree: true });
  return observer;
}

if (typeof document !== 'undefined') {
  const root = document.getElementById('nc-root');
  if (root) mainLandmark(root);
}
