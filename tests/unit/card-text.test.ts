import { describe, expect, it } from 'vitest';
import { cardText } from '../../backoffice/admin/card-text.ts';
import { patchBundle, PATCHES } from '../../src/integrations/decap-patches.ts';

describe('workflow cards show the body as text (backoffice/admin/card-text.ts)', () => {
  it('drops headings, links, emphasis and shortcodes, keeps the words', () => {
    expect(cardText('## Objectifs\n\nVoir le [site de l’agence](https://exemple.fr) et **lire** `ceci`.\n\n{{< chiffre valeur="3" >}}'))
      .toBe('Objectifs Voir le site de l’agence et lire ceci.');
  });
  it('cuts a long body at a word with « … »', () => {
    const out = cardText('mot '.repeat(100));
    expect(out.length).toBeLessThanOrEqual(182);
    expect(out).toMatch(/mot …$/);
  });
});

describe('patches of the Decap bundle (src/integrations/decap-patches.ts)', () => {
  it('replace each piece found once, and refuse a bundle where one is missing or doubled, naming it', () => {
    const code = PATCHES.map((p) => p.find).join(';');
    expect(patchBundle(code)).toBe(PATCHES.map((p) => p.replace).join(';'));
    expect(() => patchBundle('rien')).toThrow(/Correctif « header-site-link » du bundle Decap : le code à remplacer est présent 0 fois/);
    expect(() => patchBundle(`${code};${code}`)).toThrow(/présent 2 fois/);
  });
});
