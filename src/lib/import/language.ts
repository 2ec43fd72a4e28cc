/**
 * Which legacy texts are written in English rather than French, told by their function words
 * (the, and, of… against le, et, des…): the previous site had no language field, and a text in
 * English on a `lang="fr"` page is read aloud with French pronunciation. Cheap and only for the
 * clear case: at least MIN_WORDS English function words and MIN_RATIO times more than French
 * ones; anything less is left as French (the default), and every detection is a finding of the
 * import report, so an editor can check it (the back-office field « Langue du texte »).
 */
const ENGLISH = new Set(['the', 'and', 'of', 'to', 'is', 'are', 'with', 'for', 'that', 'this', 'we', 'our', 'its', 'it', 'what', 'how', 'why', 'in', 'on', 'from', 'by', 'be', 'have', 'has', 'which', 'who', 'about']);
const FRENCH = new Set(['le', 'la', 'les', 'et', 'des', 'du', 'de', 'un', 'une', 'est', 'sont', 'avec', 'pour', 'que', 'qui', 'dans', 'sur', 'par', 'nous', 'notre', 'ce', 'cette', 'au', 'aux', 'il', 'elle', 'pas', 'en']);
const MIN_WORDS = 20;
const MIN_RATIO = 3;

export interface LanguageGuess { lang: 'en'; english: number; french: number }

/** `en` when `text` is clearly English (see above), else undefined (French, the site's language). */
export function detectEnglish(text: string): LanguageGuess | undefined {
  // Words only: link targets, addresses and HTML tags say nothing of the text's language.
  const plain = text.replace(/\]\([^)]*\)/g, ']').replace(/<[^>]*>/g, ' ').replace(/https?:\/\/\S+/g, ' ');
  let english = 0;
  let french = 0;
  for (const w of plain.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (ENGLISH.has(w)) english++;
    if (FRENCH.has(w)) french++;
  }
  return english >= MIN_WORDS && english > MIN_RATIO * french ? { lang: 'en', english, french } : undefined;
}
