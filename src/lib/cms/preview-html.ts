/**
 * HTML of the back-office previews (défi, person, article, home, programme and FAQ pages). They
 * use the site's DSFR markup and classes and the site's Markdown rendering (`renderMarkdown`,
 * shortcodes included), so an editor sees the page as it will look. Pure functions: entry data
 * in, HTML out (the browser glue is preview.ts); `asset` turns a media value into a URL the
 * preview can load; `site` gives the published entries, so relations show titles (not slugs)
 * and `auto:` key numbers their value, computed as the build does (src/lib/metrics.ts).
 */
import { roles, type CollectionName } from '../../content/model/index.ts';
import { renderMarkdown } from '../markdown/render.ts';
import { AUTO_PREFIX, resolveKeyNumber, type MetricEntry } from '../metrics.ts';

export type Data = Record<string, unknown>;
export type AssetUrl = (value: string) => string;

/** The published entries of each collection, as the back-office loads them (slug and data). */
export type SiteEntries = Partial<Record<CollectionName, readonly { slug: string; data: Data }[]>>;

/** What a preview may ask about the rest of the site. */
export interface Site {
  /** An entry's title, or its slug when unknown (not loaded yet, or not published). */
  title(collection: CollectionName, slug: string): string;
  /** An entry's data, if known. */
  entry(collection: CollectionName, slug: string): Data | undefined;
  /** A collection's entries, if loaded. */
  entries(collection: CollectionName): readonly { slug: string; data: Data }[];
  /** A key number as the site shows it (`auto:defis` → « 14 »); undefined until it can tell. */
  keyNumber(value: string): string | undefined;
}

/** A {@link Site} over loaded entries; with none, titles are slugs and `auto:` numbers unknown. */
export function siteOf(loaded: SiteEntries | undefined): Site {
  const index = new Map<string, Data>();
  for (const [c, list] of Object.entries(loaded ?? {})) for (const e of list) index.set(`${c}/${e.slug}`, e.data);
  const metricEntries: MetricEntry[] | undefined = loaded
    ? Object.entries(loaded).flatMap(([c, list]) => list.map((e) => ({ collection: c, id: e.slug, data: e.data })))
    : undefined;
  return {
    title: (c, slug) => str(index.get(`${c}/${slug}`)?.['title']) || slug,
    entry: (c, slug) => index.get(`${c}/${slug}`),
    entries: (c) => loaded?.[c] ?? [],
    keyNumber: (value) => {
      if (!value.trim().startsWith(AUTO_PREFIX)) return value;
      if (!metricEntries) return undefined;
      try { return resolveKeyNumber(value, metricEntries); } catch { return undefined; }
    },
  };
}
const noSite = siteOf(undefined);

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

/** Relation values as DSFR tags, with the linked entries' titles. */
const tags = (values: unknown, title: string, collection?: CollectionName, site: Site = noSite): string => {
  const items = list(values).map(str).filter(Boolean).map((v) => (collection ? site.title(collection, v) : v));
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

export function defiPreview(d: Data, asset: AssetUrl, site: Site = noSite): string {
  const where = [str(d['place']), str(d['town'])].filter(Boolean).map(esc).join(' | ');
  return page(`
<div class="fr-container fr-py-4w">
  <nav class="fr-breadcrumb" aria-label="vous êtes ici :"><ol class="fr-breadcrumb__list"><li><a class="fr-breadcrumb__link">Accueil</a></li><li><a class="fr-breadcrumb__link">Défis</a></li><li><a class="fr-breadcrumb__link" aria-current="page">${esc(d['title'])}</a></li></ol></nav>
  <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--middle">
    <div class="fr-col-12 fr-col-md-3">${img(d['image'], asset, 'fr-responsive-img')}</div>
    <div class="fr-col-12 fr-col-md-9">
      <h1>${esc(d['title'])}</h1>
      <p class="fr-text--lead">${esc(d['description'])}</p>
      ${tags(d['themes'], 'Thématiques', 'themes', site)}${tags(d['promos'], 'Promotions', 'promos', site)}
      <p class="fr-text--bold fr-mb-0">${esc(d['who'])}</p>
      ${where ? `<p class="fr-text--sm">${where}</p>` : ''}
      ${tags(d['expertises'], 'Expertises', 'expertises', site)}
    </div>
  </div>
  ${markdownBlock(d['body'], 'fr-mt-4w')}
</div>`);
}

export function personPreview(d: Data, asset: AssetUrl, site: Site = noSite): string {
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
      ${tags(d['promos'], 'Promotions', 'promos', site)}
      <h1>${esc(d['title'])}</h1>
      <p class="fr-text--lead">${esc(d['job'])}</p>
      ${role ? `<p class="fr-badge fr-badge--blue-france">${esc(role)}</p>` : ''}
      ${tags(d['defis'], 'Défis', 'defis', site)}${tags(d['expertises'], 'Expertises', 'expertises', site)}
      ${links.length ? `<ul class="fr-btns-group fr-btns-group--inline-md">${links.map((l) => `<li>${l}</li>`).join('')}</ul>` : ''}
      ${str(d['desc']) ? `<p>${esc(d['desc'])}</p>` : ''}
    </div>
  </div>
  ${markdownBlock(d['body'], 'fr-mt-4w')}
</div>`);
}

export function articlePreview(d: Data, asset: AssetUrl, site: Site = noSite): string {
  const date = frenchDate(d['date']);
  return page(`
<div class="fr-container fr-py-4w">
  <article class="fr-grid-row fr-grid-row--center"><div class="fr-col-12 fr-col-lg-8">
    ${tags(d['categories'], 'Catégories', 'categories', site)}
    <h1>${esc(d['title'])}</h1>
    <p class="fr-text--sm">${[esc(d['author']), date && `publié le ${esc(date)}`].filter(Boolean).join(' — ')}</p>
    <p class="fr-text--lead">${esc(d['description'])}</p>
    ${img(d['image'], asset, 'fr-responsive-img fr-mb-4w')}
    ${markdownBlock(d['body'])}
  </div></article>
</div>`);
}

export function programPreview(d: Data, asset: AssetUrl, site: Site = noSite): string {
  const numbers = list(d['numbers']).map(obj);
  const steps = obj(d['steps']);
  const quote = obj(d['quote']);
  // `auto:` numbers as the build computes them (from the published content); the formula
  // stays visible until the entries are loaded, or if it names no metric.
  const num = (v: unknown) => {
    const value = str(v);
    if (!value.trim().startsWith(AUTO_PREFIX)) return esc(value);
    const shown = site.keyNumber(value);
    return shown === undefined ? `<span title="calculé à la publication">${esc(value)}</span>` : `<span title="${esc(value)} : calculé à partir du contenu publié">${esc(shown)}</span>`;
  };
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

/** A DSFR card like the site's (components/dsfr/Card.astro), for the home page's lists. */
// Portraits and pictograms are square: shown whole in the card's 16:9 header, as on the site.
const squareImg = (value: unknown, asset: AssetUrl, alt: string) =>
  img(value, asset, 'fr-responsive-img', alt).replace('<img ', '<img style="aspect-ratio: 16 / 9; object-fit: contain; background: var(--background-alt-grey)" ');

function card(o: { title: string; href: string; desc?: string; image?: unknown; alt?: string; badges?: string[]; detail?: string }, asset: AssetUrl): string {
  const badges = o.badges?.filter(Boolean) ?? [];
  return `<div class="fr-card fr-enlarge-link"><div class="fr-card__body"><div class="fr-card__content">
  <h3 class="fr-card__title"><a href="${esc(o.href)}">${esc(o.title)}</a></h3>
  ${o.desc ? `<p class="fr-card__desc">${esc(o.desc)}</p>` : ''}
  ${badges.length ? `<div class="fr-card__start"><ul class="fr-badges-group">${badges.map((b) => `<li><p class="fr-badge fr-badge--sm fr-badge--blue-france">${esc(b)}</p></li>`).join('')}</ul></div>` : ''}
  ${o.detail ? `<div class="fr-card__end"><p class="fr-card__detail">${esc(o.detail)}</p></div>` : ''}
</div></div>${str(o.image) ? `<div class="fr-card__header"><div class="fr-card__img">${squareImg(o.image, asset, o.alt ?? '')}</div></div>` : ''}</div>`;
}

const time = (v: unknown) => { const t = new Date(str(v)).getTime(); return Number.isNaN(t) ? 0 : t; };

/** The home page (`/`, pages/index.astro): hero, intro, latest défis, talents, agents, join, media tiles. */
export function homePreview(d: Data, asset: AssetUrl, site: Site = noSite): string {
  const hero = obj(d['hero']); const btn = obj(hero['btn']);
  const intro = obj(d['intro']); const defis = obj(d['defis']);
  const join = obj(d['join']); const joinBtn = obj(join['btn']);
  const medias = obj(d['medias']);
  const promos = (v: unknown) => list(v).map((s) => site.title('promos', str(s)));
  const latest = site.entries('defis').filter((e) => e.data['visible'] !== false).slice().sort((a, b) => time(b.data['date']) - time(a.data['date'])).slice(0, 3);
  const people = (block: Data, size: string) => list(block['list']).map(str).filter(Boolean).map((slug) => {
    const p = site.entry('personnes', slug) ?? { title: slug };
    return `<li class="${size}">${card({ title: str(p['title']), href: `/personnes/${slug}/`, desc: str(p['job']), image: p['image'], alt: str(p['title']), badges: promos(p['promos']) }, asset)}</li>`;
  }).join('');
  const peopleBlock = (key: string, col: string, size: string, more: string, href: string) => {
    const b = obj(d[key]);
    return `<section class="${col}"><h2>${esc(b['sub'])}</h2><p>${esc(b['desc'])}</p><ul class="fr-grid-row fr-grid-row--gutters fr-raw-list">${people(b, size)}</ul><p class="fr-mt-3w"><a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="${href}">${more}</a></p></section>`;
  };
  const heroTitle = str(hero['title']).split('\n').filter(Boolean).map(esc).join('<br />');
  return page(`
<div class="eig-hero"><div class="fr-container fr-py-8w">
  <h1 class="fr-display--sm">${heroTitle}</h1>
  ${str(btn['title']) && str(btn['url']) ? `<a class="fr-btn fr-btn--lg" href="${esc(btn['url'])}">${esc(btn['title'])}</a>` : ''}
</div></div>
<section class="fr-container fr-py-6w"><div class="fr-grid-row"><div class="fr-col-12 fr-col-lg-9">
  <h2>${esc(intro['title'])}</h2><p class="fr-text--lead">${esc(intro['desc'])}</p>
</div></div></section>
<section class="fr-container fr-pb-6w">
  <h2>${esc(defis['sub'])}</h2><p>${esc(defis['desc'])}</p>
  <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list">${latest.map((e) => `<li class="fr-col-12 fr-col-md-4">${card({ title: str(e.data['title']), href: `/defis/${e.slug}/`, desc: str(e.data['description']), image: e.data['image'], badges: promos(e.data['promos']), detail: str(e.data['who']) }, asset)}</li>`).join('')}</ul>
  <p class="fr-mt-4w"><a class="fr-btn fr-btn--secondary" href="/defis/">Voir tous les défis</a></p>
</section>
<div class="fr-py-6w" style="background: var(--background-alt-grey)"><div class="fr-container"><div class="fr-grid-row fr-grid-row--gutters">
  ${peopleBlock('talents', 'fr-col-12 fr-col-lg-7', 'fr-col-12 fr-col-sm-4', 'Découvrir tous les talents', '/talents/')}
  ${peopleBlock('agents', 'fr-col-12 fr-col-lg-5', 'fr-col-12 fr-col-sm-6', 'Découvrir les agents publics', '/agents/')}
</div></div></div>
${str(join['title']) || str(joinBtn['title']) ? `<section class="eig-join fr-py-6w"><div class="fr-container"><div class="fr-grid-row fr-grid-row--gutters fr-grid-row--middle">
  ${str(join['image']) ? `<div class="fr-col-12 fr-col-md-6">${img(join['image'], asset, 'fr-responsive-img')}</div>` : ''}
  <div class="fr-col-12 fr-col-md-6">${str(join['title']) ? `<h2>${esc(join['title'])}</h2>` : ''}${str(join['sub']) ? `<p class="fr-text--lg">${esc(join['sub'])}</p>` : ''}${str(joinBtn['title']) && str(joinBtn['url']) ? `<a class="fr-btn" href="${esc(joinBtn['url'])}">${esc(joinBtn['title'])}</a>` : ''}</div>
</div></div></section>` : ''}
<section class="fr-container fr-py-6w"><h2>Ils parlent du programme</h2><p>${esc(medias['desc'])}</p>
  <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list">${list(medias['tiles']).map(obj).map((t) => `<li class="fr-col-12 fr-col-sm-6 fr-col-md-3"><div class="fr-tile${str(t['link']) ? ' fr-enlarge-link' : ''}"><div class="fr-tile__body"><div class="fr-tile__content"><h3 class="fr-tile__title">${str(t['link']) ? `<a href="${esc(t['link'])}">${esc(t['title'])}</a>` : esc(t['title'])}</h3></div></div>${str(t['image']) ? `<div class="fr-tile__header"><div class="fr-tile__pictogram">${img(t['image'], asset, 'eig-tile__logo')}</div></div>` : ''}</div></li>`).join('')}</ul>
</section>`);
}

/** A FAQ page (components/participer/FaqPage.astro): DSFR accordions, shown open in the preview. */
export function faqPreview(d: Data): string {
  const items = list(d['questions']).map(obj);
  return page(`
<div class="fr-container fr-py-4w"><div class="fr-grid-row"><div class="fr-col-12 fr-col-lg-9">
  <h1>${esc(d['title'])}</h1>
  <div class="fr-accordions-group">${items.map((q, i) => `<section class="fr-accordion"><h2 class="fr-accordion__title"><button type="button" class="fr-accordion__btn" aria-expanded="true" aria-controls="faq-${i + 1}">${esc(q['title'])}</button></h2><div class="fr-collapse fr-collapse--expanded" id="faq-${i + 1}" style="max-height: none; margin-top: 0; padding: 1rem">${markdownBlock(q['desc'])}</div></section>`).join('')}</div>
  <div class="fr-mt-6w">${markdownBlock(d['contact'])}</div>
</div></div></div>`);
}

export type PreviewBuilder = (d: Data, asset: AssetUrl, site: Site) => string;

/** Which preview each collection (folder types) or page (files of "pages") gets. */
export const previews = {
  defis: defiPreview,
  personnes: personPreview,
  articles: articlePreview,
  home: homePreview,
  program: programPreview,
  'candidats-faq': faqPreview,
  'admins-faq': faqPreview,
} as const satisfies Record<string, PreviewBuilder>;
