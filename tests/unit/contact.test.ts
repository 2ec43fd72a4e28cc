import { describe, expect, it } from 'vitest';
import { CONTACT_FORM_FIELDS, addressLines, contactEmail, contactMode } from '../../src/lib/contact.ts';
import { fileType } from '../../src/content/model/index.ts';
import { pageData } from '../helpers/demo-content.ts';

describe('contact page: what it offers', () => {
  it('a form posted to the form service when one is set', () => {
    expect(contactMode({ formAction: ' https://formulaires.exemple.fr/f/abc ', email: 'eig@exemple.fr' })).toEqual({ kind: 'form', action: 'https://formulaires.exemple.fr/f/abc' });
  });

  it('without a form service, a mailto: link to the programme’s address (never a dead button)', () => {
    expect(contactMode({ email: 'eig@exemple.fr' })).toEqual({ kind: 'mailto', email: 'eig@exemple.fr', href: 'mailto:eig@exemple.fr' });
    expect(contactMode({ formAction: '', email: 'eig@exemple.fr' }).kind).toBe('mailto');
    // An address the browser would not post to safely is no form service.
    expect(contactMode({ formAction: 'http://formulaires.exemple.fr/f/abc', email: 'eig@exemple.fr' }).kind).toBe('mailto');
    expect(contactMode({ formAction: 'javascript:alert(1)', email: 'eig@exemple.fr' }).kind).toBe('mailto');
  });

  it('nothing to click when neither is set, or the e-mail is not one', () => {
    expect(contactMode({})).toEqual({ kind: 'none' });
    expect(contactMode({ email: 'pas une adresse' })).toEqual({ kind: 'none' });
    expect(contactEmail({ email: 'a@b' })).toBeUndefined();
  });

  it('the postal address line by line', () => {
    expect(addressLines({ address: 'Programme EIG\n\n 12 rue de l’Exemple \n75000 Paris\n' })).toEqual(['Programme EIG', '12 rue de l’Exemple', '75000 Paris']);
    expect(addressLines({})).toEqual([]);
  });

  it('the form: name, e-mail, subject, message, each labelled, with autocomplete and its own error message', () => {
    expect(CONTACT_FORM_FIELDS.map((f) => f.name)).toEqual(['nom', 'email', 'sujet', 'message']);
    expect(CONTACT_FORM_FIELDS.find((f) => f.name === 'nom')!.autocomplete).toBe('name');
    expect(CONTACT_FORM_FIELDS.find((f) => f.name === 'email')).toMatchObject({ type: 'email', autocomplete: 'email' });
    for (const f of CONTACT_FORM_FIELDS) {
      expect(f.label).toBeTruthy();
      expect(f.missing).toMatch(/\.$/);
    }
    expect(new Set(CONTACT_FORM_FIELDS.map((f) => f.id)).size).toBe(CONTACT_FORM_FIELDS.length);
  });

  it('endpoint and addresses are content fields of the contact page (so the back-office edits them), filled in the demo', () => {
    const names = fileType('contact').fields.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['formAction', 'email', 'address']));
    const demo = pageData('contact');
    expect(contactMode(demo).kind).toBe('form');
    expect(contactEmail(demo)).toBeTruthy();
    expect(addressLines(demo).length).toBeGreaterThan(1);
  });
});
