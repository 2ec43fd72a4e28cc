/**
 * DSFR error messages for the contact form: on submit (and when a field is left after an
 * error), each invalid field gets `fr-input-group--error`, `fr-input--error` and its message in
 * its `fr-messages-group`; focus goes to the first invalid field. Without this script the
 * browser's own checks (`required`, `type="email"`) still stop an incomplete form.
 */
type Field = HTMLInputElement | HTMLTextAreaElement;

function messageOf(field: Field): string | undefined {
  if (field.validity.valueMissing || !field.value.trim()) return field.dataset['missing'] ?? 'Ce champ est obligatoire.';
  if (field.validity.typeMismatch) return field.dataset['invalid'] ?? 'Valeur au mauvais format.';
  return undefined;
}

function show(field: Field): boolean {
  const group = field.closest<HTMLElement>('[data-contact-group]');
  const box = document.getElementById(`${field.id}-messages`);
  const message = messageOf(field);
  group?.classList.toggle('fr-input-group--error', Boolean(message));
  field.classList.toggle('fr-input--error', Boolean(message));
  if (message) field.setAttribute('aria-invalid', 'true');
  else field.removeAttribute('aria-invalid');
  if (box) {
    box.replaceChildren();
    if (message) {
      const p = document.createElement('p');
      p.className = 'fr-message fr-message--error';
      p.textContent = message;
      box.append(p);
    }
  }
  return !message;
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-contact-form]')) {
  form.noValidate = true;
  const fields = [...form.querySelectorAll<Field>('input, textarea')];
  form.addEventListener('submit', (event) => {
    const invalid = fields.filter((f) => !show(f));
    if (invalid.length) {
      event.preventDefault();
      invalid[0]!.focus();
    }
  });
  for (const f of fields) {
    f.addEventListener('blur', () => { if (f.getAttribute('aria-invalid') === 'true') show(f); });
  }
}
