/**
 * What the contact page offers, from its content fields (src/content/model/pages/legal.ts):
 * a form posted to the form service when one is set, else a `mailto:` link to the programme's
 * address, else nothing to click (never a button that sends nothing).
 */

export interface ContactFields {
  formAction?: unknown;
  email?: unknown;
  address?: unknown;
  /** Any other key of the page's data (the contact page's, or a back-office preview's). */
  [key: string]: unknown;
}

export type ContactMode =
  | { kind: 'form'; action: string }
  | { kind: 'mailto'; href: string; email: string }
  | { kind: 'none' };

const HTTPS = /^https:\/\/[^\s"<>]+$/;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** The programme's e-mail address, when the content gives a valid one. */
export function contactEmail(d: ContactFields): string | undefined {
  const e = text(d.email);
  return EMAIL.test(e) ? e : undefined;
}

export function contactMode(d: ContactFields): ContactMode {
  const action = text(d.formAction);
  if (HTTPS.test(action)) return { kind: 'form', action };
  const email = contactEmail(d);
  if (email) return { kind: 'mailto', email, href: `mailto:${email}` };
  return { kind: 'none' };
}

/** The postal address, one entry per line, empty lines left out. */
export const addressLines = (d: ContactFields): string[] => text(d.address).split('\n').map((l) => l.trim()).filter(Boolean);

export interface FormField {
  /** `name` sent to the form service (the previous site's names, so its service keeps working). */
  name: string;
  id: string;
  label: string;
  hint?: string;
  type: 'text' | 'email' | 'textarea';
  autocomplete: string;
  /** Shown under the field, DSFR style, when it is left empty. */
  missing: string;
  /** Shown when the value has the wrong form (e-mail only). */
  invalid?: string;
}

/** The form's fields, in order; all are required. */
export const CONTACT_FORM_FIELDS: readonly FormField[] = [
  { name: 'nom', id: 'contact-nom', label: 'Nom et prénom', type: 'text', autocomplete: 'name', missing: 'Indiquez votre nom.' },
  {
    name: 'email', id: 'contact-email', label: 'Adresse e-mail', hint: 'Format attendu : nom@domaine.fr', type: 'email', autocomplete: 'email',
    missing: 'Indiquez votre adresse e-mail.', invalid: 'L’adresse e-mail n’est pas au bon format. Format attendu : nom@domaine.fr',
  },
  { name: 'sujet', id: 'contact-sujet', label: 'Objet', type: 'text', autocomplete: 'off', missing: 'Indiquez l’objet de votre message.' },
  { name: 'message', id: 'contact-message', label: 'Message', type: 'textarea', autocomplete: 'off', missing: 'Écrivez votre message.' },
];
