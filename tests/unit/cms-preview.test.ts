import { describe, expect, it } from 'vitest';
import { articlePreview, defiPreview, faqPreview, homePreview, personPreview, programPreview, previews, siteOf, type SiteEntries } from '../../src/lib/cms/preview-html.ts';
import { markdownToHtml } from '../../src/lib/markdown/render.ts';

const asset = (v: string) => `blob:${v}`;

describe('back-office previews', () => {
  it('render Markdown bodies exactly as the site does, shortcodes included', () => {
    const body = 'Texte **gras**.\n\n{{< arrow-link url="/defis" title="Tous les défis" >}}';
    const html = defiPreview({ title: 'Un défi', body }, asset);
    expect(html).toContain(markdownToHtml(body));
    expect(html).toContain('class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/defis"');
  });

  it('show a malformed shortcode to the editor instead of hiding it', () => {
    expect(articlePreview({ title: 'A', body: '{{< dailymotion >}}' }, asset)).toMatch(/Ligne 1 : raccourci dailymotion/);
  });

  it('escape text fields and resolve images through the back-office', () => {
    const html = personPreview({ title: '<script>x</script>', role: 'participant', image: 'img/p.png' }, asset);
    expect(html).not.toContain('<script>x');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('src="blob:img/p.png"');
    expect(html).toContain('Talent');
  });

  it('show the programme key numbers, phases and quote with the site classes', () => {
    const html = programPreview({
      title: 'Programme', numbers: [{ num: '42', title: 'talents', btnUrl: '/talents', btnTitle: 'Voir' }, { num: 'auto:defis', title: 'défis' }],
      steps: { title: 'Phases', list: [{ step: 'Phase 1', duration: '5 mois', title: 'Concevoir', dates: 'sept.', desc: 'd' }] },
      quote: { quote: 'Citation', name: 'Auteur' },
    }, asset);
    expect(html).toMatch(/class="eig-number">42</);
    expect(html).toContain('auto:defis'); // not loaded yet: the formula stays visible
    expect(html).toContain('href="/talents">Voir</a>');
    expect(html).toContain('Phase 1 · 5 mois');
    expect(html).toContain('fr-quote');
  });

  it('writes article dates in French through Intl', () => {
    expect(articlePreview({ title: 'A', date: '2024-03-01' }, asset)).toContain('1 mars 2024');
  });

  it('covers défis, people, articles, the home, programme and FAQ pages', () => {
    expect(Object.keys(previews).sort()).toEqual(['admins-faq', 'articles', 'candidats-faq', 'defis', 'home', 'personnes', 'program']);
  });
});

// Published entries as the back-office loads them (fictional).
const loaded: SiteEntries = {
  themes: [{ slug: 'sante', data: { title: 'Santé' } }],
  promos: [{ slug: 'promotion-4', data: { title: 'Promotion 4' } }],
  expertises: [{ slug: 'design', data: { title: 'Design' } }],
  defis: [
    { slug: 'ancien', data: { title: 'Ancien défi', who: 'Ministère A', date: '2019-01-01', promos: ['promotion-4'], visible: true } },
    { slug: 'recent', data: { title: 'Défi récent', who: 'ministère a ', date: '2025-05-01', promos: ['promotion-4'], visible: true } },
    { slug: 'cache', data: { title: 'Défi caché', who: 'Ministère B', date: '2026-01-01', visible: false } },
    { slug: 'moyen', data: { title: 'Défi moyen', who: 'Ministère C', date: '2022-01-01', visible: true } },
    { slug: 'vieux', data: { title: 'Vieux défi', who: 'Ministère D', date: '2017-01-01', visible: true } },
  ],
  personnes: [{ slug: 'ada', data: { title: 'Ada Exemple', job: 'Designeuse', role: 'participant', promos: ['promotion-4'], image: 'img/ada.png' } }],
};

describe('previews with the published entries', () => {
  const site = siteOf(loaded);

  it('show relations by title, and the slug of an entry they do not know', () => {
    const html = defiPreview({ title: 'D', themes: ['sante', 'inconnu'], promos: ['promotion-4'], expertises: ['design'] }, asset, site);
    expect(html).toContain('<p class="fr-tag">Santé</p>');
    expect(html).toContain('<p class="fr-tag">Promotion 4</p>');
    expect(html).toContain('<p class="fr-tag">Design</p>');
    expect(html).toContain('<p class="fr-tag">inconnu</p>');
    expect(html).not.toContain('>sante<');
    expect(personPreview({ title: 'P', defis: ['recent'] }, asset, site)).toContain('<p class="fr-tag">Défi récent</p>');
  });

  it('compute auto: key numbers as the build does (visible défis, distinct administrations)', () => {
    const html = programPreview({ title: 'P', numbers: [{ num: 'auto:defis', title: 'défis' }, { num: 'auto:administrations', title: 'administrations' }, { num: 'auto:rien', title: '?' }] }, asset, site);
    expect(html).toMatch(/<span title="auto:defis[^"]*">4<\/span>/);
    expect(html).toMatch(/<span title="auto:administrations[^"]*">3<\/span>/);
    expect(html).toContain('auto:rien');
  });

  it('show the home page with the three latest visible défis and the chosen talents, as cards', () => {
    const html = homePreview({ hero: { title: 'Ligne 1\nLigne 2' }, defis: { sub: 'Les défis' }, talents: { sub: 'Talents', list: ['ada'] }, agents: { sub: 'Agents', list: [] }, medias: { tiles: [{ title: 'Journal', image: 'img/j.svg' }] } }, asset, site);
    expect(html).toContain('Ligne 1<br />Ligne 2');
    const titles = [...html.matchAll(/<h3 class="fr-card__title"><a href="\/defis\/([a-z]+)\/">/g)].map((m) => m[1]);
    expect(titles).toEqual(['recent', 'moyen', 'ancien']);
    expect(html).toContain('<a href="/personnes/ada/">Ada Exemple</a>');
    expect(html).toContain('src="blob:img/ada.png" alt="Ada Exemple"');
    expect(html).toContain('fr-badge--blue-france">Promotion 4<');
    expect(html).toContain('fr-tile__title">Journal<');
  });

  it('show a FAQ as DSFR accordions, open, with the answers in the site\'s Markdown', () => {
    const html = faqPreview({ title: 'FAQ', questions: [{ title: 'Qui peut candidater ?', desc: 'Tout le **monde**.' }], contact: 'Écrivez-nous.' });
    expect(html).toContain('<button type="button" class="fr-accordion__btn" aria-expanded="true" aria-controls="faq-1">Qui peut candidater ?</button>');
    expect(html).toContain('<strong>monde</strong>');
    expect(html).toContain('Écrivez-nous.');
  });
});
