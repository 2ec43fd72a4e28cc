/**
 * French typography's non-breaking spaces in a sentence an editor reads (#22): a line never
 * starts with « : », « ; », « » » nor ends with « « », and a time (« 14 h 32 », « 9 h ») stays
 * on one line. On a phone the status bar wraps its sentence on two or three lines: without them
 * « Publié par Camille à 14 h 32 » could leave its « : » alone at the start of the next line.
 * U+00A0 (espace insécable) before « : » and inside « », U+202F (fine insécable) before
 * « ; », « ! », « ? », as the Imprimerie nationale's rules have them. Only spaces between words
 * are changed (« https://… », « 10:30 » have none): applying it twice changes nothing. Pure.
 */
export const NBSP = '\u00a0';
export const NNBSP = '\u202f';

export function frenchSpaces(text: string): string {
  return text
    // « 14 h 32 », « 9 h » (status-text.ts frenchTime, datetime.ts frenchInstant).
    .replace(/(\d) h (?=\d)/g, `$1${NBSP}h${NBSP}`)
    .replace(/(\d) h(?![\p{L}\d])/gu, `$1${NBSP}h`)
    .replace(/ :(?=\s|$)/g, `${NBSP}:`)
    .replace(/(?<=\S) ([;!?])(?=\s|$)/g, `${NNBSP}$1`)
    .replace(/« /g, `«${NBSP}`)
    .replace(/ »/g, `${NBSP}»`);
}
