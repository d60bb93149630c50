import type { ArticleLanguage } from '@hilo/shared';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as spanish } from '@orama/stemmers/spanish';

/**
 * How article text and queries become search tokens: Unicode words, lower-cased, accents folded (a
 * shopper typing "devolucion" finds "devolución"), stop words dropped, then stemmed with the article
 * language's Snowball stemmer. Folding comes before stemming so the same word gives the same stem with
 * or without accents; prefix matching covers the few Spanish suffixes the stemmer then leaves on.
 * Orama's own tokenizer splits English on accented letters, which this one does not.
 */

/** Function words as typed in questions (accents folded). */
const ENGLISH_STOP = [
  'a', 'about', 'am', 'an', 'and', 'any', 'are', 'as', 'at', 'be', 'been', 'but', 'by', 'can', 'could', 'did', 'do', 'does',
  'for', 'from', 'had', 'has', 'have', 'he', 'her', 'hers', 'him', 'his', 'how', 'i', 'if', 'im', 'in', 'into', 'is', 'it',
  'its', 'just', 'me', 'my', 'of', 'on', 'or', 'our', 'please', 'she', 'so', 'that', 'the', 'their', 'them', 'then', 'there',
  'these', 'they', 'this', 'to', 'us', 'was', 'we', 'were', 'what', 'when', 'where', 'which', 'who', 'why', 'will', 'with',
  'would', 'you', 'your', 'hi', 'hello', 'hey', 'thanks', 'thank',
  // What is left of contractions once the apostrophe splits them ("hasn't" → "hasn", "t").
  'aren', 'couldn', 'didn', 'doesn', 'don', 'hasn', 'haven', 'isn', 'll', 're', 've', 'wasn', 'won', 'wouldn',
];
const SPANISH_STOP = [
  'al', 'como', 'con', 'cual', 'cuando', 'de', 'del', 'donde', 'el', 'ella', 'en', 'es', 'esta', 'este', 'esto', 'estoy',
  'ha', 'hay', 'he', 'la', 'las', 'le', 'les', 'lo', 'los', 'mas', 'me', 'mi', 'mis', 'muy', 'nos', 'o', 'para', 'pero',
  'por', 'que', 'quien', 'se', 'si', 'sin', 'son', 'su', 'sus', 'te', 'tu', 'tus', 'un', 'una', 'uno', 'unos', 'unas', 'y',
  'ya', 'yo', 'hola', 'gracias', 'favor', 'puedo', 'quiero', 'cuanto', 'cuanta', 'cuantos', 'cuantas', 'cuales',
];
const ONLY_ENGLISH = new Set(ENGLISH_STOP.filter((w) => !SPANISH_STOP.includes(w)));
const ONLY_SPANISH = new Set(SPANISH_STOP.filter((w) => !ENGLISH_STOP.includes(w)));
/** One list for both languages: a query's language is rarely known, and "de" or "the" are noise in either index. */
const STOP_WORDS = new Set([...ENGLISH_STOP, ...SPANISH_STOP]);

const STEMMERS: Record<ArticleLanguage, (word: string) => string> = { en: english, es: spanish };
const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}/gu;

/** Lower-cased, accent-folded words of a text, in order (duplicates kept). */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().normalize('NFD').replace(MARKS, '').match(WORD) ?? [];
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** The words of a query worth searching for: no stop words or lone letters, no repeats, at most `max`. */
export function queryWords(query: string, max = 12): string[] {
  // A lone letter would match every word starting with it; a lone digit may be part of an order number.
  return [...new Set(wordsOf(query).filter((w) => !STOP_WORDS.has(w) && (w.length > 1 || /\d/.test(w))))].slice(0, max);
}

/**
 * The likelier language of a question from its function words (and Spanish punctuation), or undefined
 * when it cannot tell; the answer bot uses it to rank the shopper's language first.
 */
export function guessLanguage(text: string): ArticleLanguage | undefined {
  let en = 0;
  let es = /[¿¡ñ]/i.test(text) ? 2 : 0;
  for (const word of wordsOf(text)) {
    if (ONLY_ENGLISH.has(word)) en++;
    else if (ONLY_SPANISH.has(word)) es++;
  }
  if (en === es) return undefined;
  return en > es ? 'en' : 'es';
}

/**
 * A query term starting with this is searched as typed, unstemmed: the English stemmer turns "pay"
 * into "pai", which is no prefix of "payment", so a query word is looked up both ways.
 */
export const VERBATIM = '\u0001';

export function stemOf(word: string, language: ArticleLanguage): string {
  return STEMMERS[language](word);
}

/** An Orama tokenizer component for one language (see Orama's `Tokenizer` interface). */
export function createSearchTokenizer(language: ArticleLanguage) {
  const stem = STEMMERS[language];
  return {
    language: language === 'es' ? 'spanish' : 'english',
    normalizationCache: new Map<string, string>(),
    tokenize(raw: string): string[] {
      const verbatim = raw.startsWith(VERBATIM);
      const tokens = new Set<string>();
      for (const word of wordsOf(raw)) {
        if (!STOP_WORDS.has(word)) tokens.add(verbatim ? word : stem(word));
      }
      return [...tokens];
    },
  };
}
