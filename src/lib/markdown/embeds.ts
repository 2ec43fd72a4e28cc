/**
 * Video players in content are never loaded on page load: each allowed <iframe> becomes a
 * consent card (provider named, a link to watch the video on the provider's site, and a button
 * that loads the player only after an explicit click — see src/client/embeds.ts). So no
 * third-party request happens until the visitor asks for it.
 */

/** Providers whose players may appear in content, by host. PeerTube instances are listed too. */
const PROVIDERS: readonly { hosts: readonly string[]; name: string; watch: (u: URL) => string | undefined }[] = [
  {
    hosts: ['www.dailymotion.com', 'geo.dailymotion.com'], name: 'Dailymotion',
    watch: (u) => {
      const id = /\/embed\/video\/([a-zA-Z0-9]+)/.exec(u.pathname)?.[1] ?? u.searchParams.get('video');
      return id ? `https://www.dailymotion.com/video/${id}` : undefined;
    },
  },
  {
    hosts: ['www.youtube-nocookie.com', 'www.youtube.com'], name: 'YouTube',
    watch: (u) => {
      const id = /\/embed\/([\w-]+)/.exec(u.pathname)?.[1];
      return id ? `https://www.youtube.com/watch?v=${id}` : undefined;
    },
  },
  {
    hosts: ['player.vimeo.com'], name: 'Vimeo',
    watch: (u) => {
      const id = /\/video\/(\d+)/.exec(u.pathname)?.[1];
      return id ? `https://vimeo.com/${id}` : undefined;
    },
  },
  {
    hosts: ['video.liberta.vip', 'tube.numerique.gouv.fr', 'peertube.fr'], name: 'PeerTube',
    watch: (u) => `${u.origin}${u.pathname.replace('/videos/embed/', '/videos/watch/')}`,
  },
];

/** Hosts whose players may be embedded (the sanitiser's iframe allow-list). */
export const IFRAME_HOSTS: readonly string[] = PROVIDERS.flatMap((p) => p.hosts);

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescapeAttr = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&');

/** The consent card that stands for one player. `src` must already be an allowed https URL. */
export function consentCard(src: string, title: string | undefined): string {
  let url: URL;
  try { url = new URL(src.startsWith('//') ? `https:${src}` : src); } catch { return ''; }
  const provider = PROVIDERS.find((p) => p.hosts.includes(url.hostname));
  if (!provider || url.protocol !== 'https:') return '';
  const watch = provider.watch(url) ?? url.href;
  const label = title?.trim() || `Vidéo ${provider.name}`;
  return [
    `<div class="eig-embed" data-embed-src="${escapeAttr(url.href)}" data-embed-title="${escapeAttr(label)}">`,
    `<p class="eig-embed__title"><span class="fr-icon-film-line" aria-hidden="true"></span> ${escapeAttr(label)}</p>`,
    `<p class="fr-text--sm eig-embed__notice">Cette vidéo est hébergée par ${provider.name}, qui peut déposer des cookies : elle n’est chargée qu’à votre demande.</p>`,
    '<p class="eig-embed__actions">',
    `<button type="button" class="fr-btn fr-btn--secondary fr-btn--sm eig-embed__play" hidden>Lire la vidéo ici<span class="fr-sr-only"> : ${escapeAttr(label)} (${provider.name})</span></button> `,
    `<a class="fr-link" href="${escapeAttr(watch)}" target="_blank" rel="noopener" title="${escapeAttr(`Voir la vidéo sur ${provider.name} : ${label} - nouvelle fenêtre`)}">Voir la vidéo sur ${provider.name}</a>`,
    '</p>',
    '</div>',
  ].join('');
}

// A player alone in a paragraph takes the paragraph with it (a card is a block).
const IFRAME = /<p>\s*<iframe\b([^>]*)>[\s\S]*?<\/iframe>\s*<\/p>|<iframe\b([^>]*)>[\s\S]*?<\/iframe>/gi;
const attr = (attrs: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(attrs);
  return m ? unescapeAttr(m[1] ?? '') : undefined;
};

/**
 * Replaces every <iframe> of sanitised HTML with its consent card. An iframe the sanitiser
 * emptied (host not allowed, bad scheme) disappears.
 */
export function gateIframes(html: string): string {
  return html.replace(IFRAME, (_whole, inParagraph: string | undefined, alone: string | undefined) => {
    const attrs = inParagraph ?? alone ?? '';
    const src = attr(attrs, 'src');
    return src ? consentCard(src, attr(attrs, 'title')) : '';
  });
}
