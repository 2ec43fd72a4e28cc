/**
 * A few of Decap's error toasts are written in English in its code, outside its locales
 * (decap-cms-core actions/mediaLibrary: « Failed to delete media: <cause> »), so the French
 * cause our back-office server gives came after an English prefix. The prefix is replaced as the
 * toast appears; the cause is kept as it is.
 */
const PREFIXES: readonly (readonly [RegExp, string])[] = [
  [/^Failed to delete media:\s*/, 'Échec de la suppression du média : '],
  [/^Failed to persist media:\s*/, 'Échec de l’enregistrement du média : '],
];

/** The toast's text with Decap's English prefix in French, or undefined when it has none. */
export function frenchToast(text: string): string | undefined {
  for (const [prefix, french] of PREFIXES) if (prefix.test(text)) return text.replace(prefix, french);
  return undefined;
}

/** Rewrites the prefix of every toast text node added under `root` (Decap's toast container). */
export function watchToasts(root: Node): MutationObserver {
  const fix = (node: Node) => {
    const texts: Node[] = node.nodeType === Node.TEXT_NODE ? [node] : [];
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) texts.push(walker.currentNode);
    for (const t of texts) {
      const french = t.nodeValue ? frenchToast(t.nodeValue) : undefined;
      if (french !== undefined) t.nodeValue = french;
    }
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      r.addedNodes.forEach(fix);
      if (r.type === 'characterData') fix(r.target);
    }
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  return observer;
}
