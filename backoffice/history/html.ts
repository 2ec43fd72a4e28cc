/**
 * The history pages' frame and small pieces: French HTML with DSFR class names and an inline
 * stylesheet (as the status page, backoffice/status/page.ts: it works before any build exists),
 * dates through Intl in Europe/Paris, comparisons as <del>/<ins> with words for screen readers.
 */
import type { Block, Piece } from './changes.ts';

export const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const parts = (d: Date, o: Intl.DateTimeFormatOptions) =>
  Object.fromEntries(new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', ...o }).formatToParts(d).map((p) => [p.type, p.value]));

/** « 2 décembre 2026 à 14 h 32 » (Europe/Paris). */
export function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const t = parts(d, { hour: 'numeric', minute: '2-digit', hourCycle: 'h23' });
  const day = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
  return `${day} à ${Number(t['hour'])} h ${t['minute']}`;
}

/** « Titre, Description et Texte ». */
export const frenchList = (items: readonly string[]): string =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} et ${items.at(-1)}`;

const piece = (p: Piece) => p.kind === 'same' ? escapeHtml(p.text)
  : p.kind === 'added' ? `<ins><span class="fr-sr-only">[ajouté : </span>${escapeHtml(p.text)}<span class="fr-sr-only">]</span></ins>`
  : `<del><span class="fr-sr-only">[supprimé : </span>${escapeHtml(p.text)}<span class="fr-sr-only">]</span></del>`;

/** A comparison: unchanged lines, folded runs (« 12 lignes inchangées »), changed passages. */
export function blocksHtml(blocks: readonly Block[]): string {
  return `<div class="eig-diff">${blocks.map((b) => b.kind === 'changed' ? b.pieces.map(piece).join('')
    : `${b.folded ? `<span class="eig-folded">… ${b.folded} ligne${b.folded > 1 ? 's' : ''} inchangée${b.folded > 1 ? 's' : ''} …</span>\n` : ''}${escapeHtml(b.text)}`).join('')}</div>`;
}

const STYLE = `body{margin:0;font-family:Marianne,system-ui,sans-serif;line-height:1.5;color:#161616;background:#fff}
.fr-container{max-width:60rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:2rem;line-height:1.25;margin:0 0 1rem}h2{font-size:1.375rem;margin:2rem 0 .75rem}h3{font-size:1.125rem;margin:1.25rem 0 .25rem}
a{color:#000091}a:focus,button:focus,select:focus,summary:focus{outline:2px solid #0a76f6;outline-offset:2px}h2:focus{outline:none}
.fr-alert{border:1px solid;border-left-width:.5rem;padding:.75rem 1rem;margin:1rem 0}
.fr-alert--success{border-color:#18753c;background:#b8fec9}.fr-alert--error{border-color:#ce0500;background:#ffe9e9}.fr-alert--info{border-color:#0063cb;background:#e8edff}
.fr-alert p{margin:0}
.fr-btn{display:inline-block;font:inherit;font-weight:500;padding:.375rem 1rem;border:1px solid #000091;background:#000091;color:#fff;cursor:pointer;text-decoration:none;line-height:1.5}
.fr-btn--secondary{background:#fff;color:#000091}
.fr-sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.eig-nav{display:flex;gap:1.5rem;flex-wrap:wrap;margin:0 0 1rem;padding:0;list-style:none}
.eig-versions{list-style:none;padding:0;margin:0}
.eig-versions>li{border:1px solid #ddd;padding:.75rem 1rem;margin:0 0 .75rem}
.eig-versions p{margin:.25rem 0}
.eig-actions{display:flex;gap:1rem;flex-wrap:wrap;align-items:center;margin-top:.5rem}
.eig-actions form{margin:0}
.eig-badge{display:inline-block;font-size:.875rem;font-weight:700;padding:0 .5rem;background:#e8edff;color:#161616;margin-left:.5rem}
.eig-diff{white-space:pre-wrap;word-break:break-word;border:1px solid #ddd;padding:.5rem .75rem;font-size:.9375rem;background:#f6f6f6}
.eig-diff del{background:#ffe9e9;color:#161616}.eig-diff ins{background:#b8fec9;color:#161616}
.eig-folded{color:#3a3a3a;font-style:italic}
.eig-compare{display:flex;gap:1rem;flex-wrap:wrap;align-items:flex-end}.eig-compare>div{min-width:0;max-width:100%}
.eig-compare label{display:block;font-weight:500}
.eig-compare select{font:inherit;padding:.25rem;max-width:100%}
.eig-field{margin:0 0 1rem}`;

export interface Notice { tone: 'success' | 'error' | 'info'; text: string }

export const noticeHtml = (n: Notice | undefined): string => n
  ? `<div class="fr-alert fr-alert--${n.tone}" ${n.tone === 'error' ? 'role="alert"' : 'role="status"'}><p>${escapeHtml(n.text)}</p></div>`
  : '';

/** The page around `body`: title, the way back (back-office, history, status), main landmark. */
export function frame(title: string, body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — back-office EIG</title><style>${STYLE}</style></head>
<body><div class="fr-container">
<nav aria-label="Back-office"><ul class="eig-nav"><li><a href="/admin/">Retour au back-office</a></li><li><a href="/admin/historique/">Historique des modifications</a></li><li><a href="/admin/statut/">État du site</a></li></ul></nav>
<main id="contenu">
${body}
</main></div></body></html>`;
}

/** A POST form of the history (hidden fields, one button). */
export function postForm(action: string, fields: Record<string, string>, label: string, secondary = false, describedBy?: string): string {
  const hidden = Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('');
  return `<form method="post" action="${escapeHtml(action)}">${hidden}<button type="submit" class="fr-btn${secondary ? ' fr-btn--secondary' : ''}"${describedBy ? ` aria-describedby="${escapeHtml(describedBy)}"` : ''}>${escapeHtml(label)}</button></form>`;
}
