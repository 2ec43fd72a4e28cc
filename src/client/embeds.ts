/**
 * Consent-gated video players (see src/lib/markdown/embeds.ts): shows each card's "Lire la
 * vidéo ici" button and, only when it is clicked, replaces the card with the provider's player.
 * Without JavaScript the card keeps its link to the video on the provider's site.
 */
function activate(card: HTMLElement) {
  const src = card.dataset['embedSrc'];
  const button = card.querySelector<HTMLButtonElement>('.eig-embed__play');
  if (!src || !button) return;
  button.hidden = false;
  button.addEventListener('click', () => {
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.title = card.dataset['embedTitle'] ?? 'Vidéo';
    frame.className = 'fr-responsive-vid__player';
    frame.allow = 'fullscreen; picture-in-picture';
    frame.setAttribute('allowfullscreen', '');
    const wrapper = document.createElement('div');
    wrapper.className = 'fr-responsive-vid';
    wrapper.append(frame);
    card.replaceChildren(wrapper);
    card.classList.add('eig-embed--loaded');
    frame.tabIndex = -1;
    frame.focus();
  }, { once: true });
}

for (const card of document.querySelectorAll<HTMLElement>('.eig-embed[data-embed-src]')) activate(card);
