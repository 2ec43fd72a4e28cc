/**
 * A few of Decap's error toasts are written in English in its code, outside its locales
 * (decap-cms-core actions/mediaLibrary: « Failed to delete media: <cause> »), so the French
 * cause our back-office server gives came after an English prefix. The prefix is replaced as the
 * toast appears; the cause is kept as it is. Decap also prints the server's refusal as its error
 * object (`API_ERROR: <message>`, the name of decap-cms-lib-util's APIError): the name goes, and a
 * refused publication reads as the server's own sentence (« Publication refusée : … »).
 */
const PREFIXES: readonly (readonly [RegExp, string])[] = [
  [/^Failed to delete media:\s*/, 'Échec de la suppression du média : '],
  [/^Failed to persist media:\s*/, 'Échec de l’enregistrement du média : '],
];

/** Decap's own « Échec de la publication : » before the server's « Publication refusée : » says it twice. */
const REFUSED = /^Échec de la (publication|suppression) : API_ERROR:\s*(?=(Publication|Suppression) refusée : )/;
const ERROR_NAME = /\bAPI_ERROR:\s*/g;

/** The toast's text with Decap's English prefix and error name gone, or undefined when it has neither. */
export function frenchToast(text: string): string | undefined {
  let out = text.replace(REFUSED, '');
  for (const [prefix, french] of PREFIXES) if (prefix.test(out)) { out = out.replace(prefix, french); break; }
  out = out.replace(ERROR_NAME, '');
  return out === text ? undefined : out;
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
