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
 * Decap's screens have no main landmark but its collection list (a <main> of its own): whenever
 * its root (#nc-root, src/pages/admin/index.astro) holds no <main>, the main landmark is Decap's
 * content container beside its header (the header, a banner, must not sit inside main: axe
 * landmark-banner-is-top-level on the workflow board), or the root itself on the login screen.
 */
export function mainLandmark(root: HTMLElement): MutationObserver {
  const update = () => {
    const inner = root.querySelector('main');
    const target = inner ? null : root.querySelector<HTMLElement>(':scope > [class*="-AppMainContainer"]') ?? root;
    for (const el of [root, ...root.querySelectorAll<HTMLElement>(':scope > [role="main"]')]) {
      if (el !== target && el.getAttribute('role') === 'main') el.removeAttribute('role');
    }
    if (target && target.getAttribute('role') !== 'main') target.setAttribute('role', 'main');
    // Decap's toasts sit beside the content, outside main: a region of their own (axe region).
    const toasts = root.querySelector(':scope > .Toastify');
    if (toasts && toasts.getAttribute('role') !== 'region') {
      toasts.setAttribute('role', 'region');
      toasts.setAttribute('aria-label', 'Notifications');
    }
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
