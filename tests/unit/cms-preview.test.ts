import { describe, expect, it } from 'vitest';
import { articlePreview, defiPreview, personPreview, programPreview, previews } from '../../src/lib/cms/preview-html.ts';
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
    expect(html).toContain('auto:defis');
    expect(html).toContain('href="/talents">Voir</a>');
    expect(html).toContain('Phase 1 · 5 mois');
    expect(html).toContain('fr-quote');
  });

  it('writes article dates in French through Intl', () => {
    expect(articlePreview({ title: 'A', date: '2024-03-01' }, asset)).toContain('1 mars 2024');
  });

  it('covers défis, people, articles and the programme page', () => {
    expect(Object.keys(previews).sort()).toEqual(['articles', 'defis', 'personnes', 'program']);
  });
});
