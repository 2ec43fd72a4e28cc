/**
 * HTML of the back-office previews (défi, person, article, programme page). They use the site's
 * DSFR classes and the site's Markdown rendering (`renderMarkdown`, shortcodes included), so an
 * editor sees the page as it will look. Pure functions: entry data in, HTML out (the browser
 * glue is preview.ts); `asset` turns a media value into a URL the preview can load.
 */
import { roles } from '../../content/model/index.ts';
import { renderMarkdown } from '../markdown/render.ts';

export type Data = Record<string, unknown>;
export type AssetUrl = (value: string) => string;

const esc = (v: unknown): string =>
  String(v ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Data => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Data) : {});

/** Markdown through the site's renderer; shortcode problems are shown to the editor, in French. */
export function markdownBlock(source: unknown, className = ''): string {
  const { html, problems } = renderMarkdown(str(source));
  const warnings = problems.map((p) => `<p class="fr-message fr-message--warning">Ligne ${p.line} : ${esc(p.message)}</p>`).join('');
  return html || warnings ? `<div class="eig-markdown ${className}">${html}</div>${warnings}` : '';
}

function img(value: unknown, asset: AssetUrl, className: string, alt = ''): string {
  const v = str(value).trim();
  return v ? `<img class="${className}" src="${esc(asset(v))}" alt="${esc(alt)}" />` : '';
}

const tags = (values: unknown, title: string): string => {
  const items = list(values).map(str).filter(Boolean);
  return items.length
    ? `<ul class="fr-tags-group" aria-label="${esc(title)}">${items.map((t) => `<li><p class="fr-tag">${esc(t)}</p></li>`).join('')}</ul>`
    : '';
};

/** French date of a `YYYY-MM-DD` value, through Intl. */
export function frenchDate(value: unknown): string {
  const d = value instanceof Date ? value : new Date(str(value));
  return Number.isNaN(d.getTime()) ? '' : new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

const page = (inner: string) => `<main class="eig-preview" lang="fr">${inner}</main>`;

export function defiPreview(d: Data, asset: AssetUrl): string {
  const where = [str(d['place']), str(d['town'])].filter(Boolean).map(esc).join(' | ');
  return page(`
<div class="fr-container fr-py-4w">
  <nav class="fr-breadcrumb" aria-label="vous êtes ici :"><ol class="fr-breadcrumb__list"><li><a class="fr-breadcrumb__link">Accueil</a></li><li><a class="fr-breadcrumb__link">Défis</a></li><li><a class="fr-breadcrumb__link" aria-current="page">${esc(d['title'])}</a></li></ol></nav>
  <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--middle">
    <div class="fr-col-12 fr-col-md-3">${img(d['image'], asset, 'fr-responsive-img')}</div>
    <div class="fr-col-12 fr-col-md-9">
      <h1>${esc(d['title'])}</h1>
      <p class="fr-text--lead">${esc(d['description'])}</p>
      ${tags(d['themes'], 'Thématiques')}${tags(d['promos'], 'Promotions')}
      <p class="fr-text--bold fr-mb-0">${esc(d['who'])}</p>
      ${where ? `<p class="fr-text--sm">${where}</p>` : ''}
      ${tags(d['expertises'], 'Expertises')}
    </div>
  </div>
  ${markdownBlock(d['body'], 'fr-mt-4w')}
</div>`);
}

export function personPreview(d: Data, asset: AssetUrl): string {
  const role = roles.find((r) => r.value === d['role'])?.label ?? '';
  const links = [
    str(d['linkedin']) && `<a class="fr-btn fr-btn--secondary fr-icon-linkedin-box-fill fr-btn--icon-left" href="${esc(d['linkedin'])}">LinkedIn de ${esc(d['title'])}</a>`,
    str(d['github']) && `<a class="fr-btn fr-btn--secondary fr-icon-github-fill fr-btn--icon-left" href="${esc(d['github'])}">GitHub de ${esc(d['title'])}</a>`,
  ].filter(Boolean);
  return page(`
<div class="fr-container fr-py-4w">
  <div class="fr-grid-row fr-grid-row--gutters">
    <div class="fr-col-12 fr-col-md-4">${img(d['image'], asset, 'fr-responsive-img', str(d['title']))}</div>
    <div class="fr-col-12 fr-col-md-8">
      ${tags(d['promos'], 'Promotions')}
      <h1>${esc(d['title'])}</h1>
      <p class="fr-text--lead">${esc(d['job'])}</p>
      ${role ? `<p class="fr-badge fr-badge--blue-france">${esc(role)}</p>` : ''}
      ${tags(d['defis'], 'Défis')}${tags(d['expertises'], 'Expertises')}
      ${links.length ? `<ul class="fr-btns-group fr-btns-group--inline-md">${links.map((l) => `<li>${l}</li>`).join('')}</ul>` : ''}
      ${str(d['desc']) ? `<p>${esc(d['desc'])}</p>` : ''}
    </div>
  </div>
  ${markdownBlock(d['body'], 'fr-mt-4w')}
</div>`);
}

export function articlePreview(d: Data, asset: AssetUrl): string {
  const date = frenchDate(d['date']);
  return page(`
<div class="fr-container fr-py-4w">
  <article class="fr-grid-row fr-grid-row--center"><div class="fr-col-12 fr-col-lg-8">
    ${tags(d['categories'], 'Catégories')}
    <h1>${esc(d['title'])}</h1>
    <p class="fr-text--sm">${[esc(d['author']), date && `publié le ${esc(date)}`].filter(Boolean).join(' — ')}</p>
    <p class="fr-text--lead">${esc(d['description'])}</p>
    ${img(d['image'], asset, 'fr-responsive-img fr-mb-4w')}
    ${markdownBlock(d['body'])}
  </div></article>
</div>`);
}

export function programPreview(d: Data, asset: AssetUrl): string {
  const numbers = list(d['numbers']).map(obj);
  const steps = obj(d['steps']);
  const quote = obj(d['quote']);
  const num = (v: unknown) => (str(v).startsWith('auto:') ? `<span title="calculé à la publication">${esc(str(v))}</span>` : esc(v));
  return page(`
<div class="eig-hero"><div class="fr-container fr-py-6w"><div class="fr-grid-row fr-grid-row--gutters fr-grid-row--middle">
  <div class="fr-col-12 fr-col-lg-6"><h1>${esc(d['title'])}</h1>${markdownBlock(d['desc'], 'fr-text--lg')}</div>
  <div class="fr-col-12 fr-col-lg-6">${img(d['image'], asset, 'eig-hero__image fr-responsive-img')}</div>
</div></div></div>
<section class="fr-container fr-py-6w"><ul class="fr-grid-row fr-grid-row--gutters fr-raw-list eig-numbers">
  ${numbers.map((n) => `<li class="fr-col-12 fr-col-md-4"><p class="eig-number">${num(n['num'])}</p><p class="fr-text--lead fr-mb-2w">${esc(n['title'])}</p>${str(n['btnUrl']) ? `<a class="fr-btn fr-btn--secondary" href="${esc(n['btnUrl'])}">${esc(str(n['btnTitle']) || str(n['title']))}</a>` : ''}</li>`).join('')}
</ul></section>
<section class="fr-container fr-py-4w">${markdownBlock(obj(d['how'])['desc'])}</section>
<section class="fr-container fr-py-6w"><h2>${esc(steps['title'])}</h2><ol class="fr-grid-row fr-grid-row--gutters fr-raw-list eig-phases">
  ${list(steps['list']).map(obj).map((p) => `<li class="fr-col-12 fr-col-md-4 eig-phase">${img(p['icon'], asset, 'eig-phase__icon')}<p class="fr-badge fr-badge--blue-france fr-mt-2w">${esc(p['step'])} · ${esc(p['duration'])}</p><h3 class="fr-h4 fr-mt-1w fr-mb-1w">${esc(p['title'])}</h3><p class="fr-text--sm fr-mb-1w">${esc(p['dates'])}</p><p>${esc(p['desc'])}</p></li>`).join('')}
</ol></section>
<section class="fr-container fr-py-4w">${markdownBlock(obj(d['then'])['desc'])}</section>
<section class="fr-container fr-py-6w"><figure class="fr-quote${str(quote['photo']) ? ' fr-quote--column' : ''}"><blockquote><p>« ${esc(quote['quote'])} »</p></blockquote><figcaption><p class="fr-quote__author">${esc(quote['name'])}</p>${str(quote['desc']) ? `<ul class="fr-quote__source"><li>${esc(quote['desc'])}</li></ul>` : ''}${str(quote['photo']) ? `<div class="fr-quote__image">${img(quote['photo'], asset, 'fr-responsive-img')}</div>` : ''}</figcaption></figure></section>`);
}

/** Which preview each collection (folder types) or page (files of "pages") gets. */
export const previews = {
  defis: defiPreview,
  personnes: personPreview,
  articles: articlePreview,
  program: programPreview,
} as const satisfies Record<string, (d: Data, asset: AssetUrl) => string>;
