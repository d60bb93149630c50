import { en } from './en';
import type { Strings } from './en';

// English ships in app.js; other languages are small chunks fetched only by pages that speak them.
const LOADERS = {
  en: () => en,
  es: () => import('./es').then((m) => m.es),
} satisfies Record<string, () => Strings | Promise<Strings>>;
export type Lang = keyof typeof LOADERS;

/** The strings of `lang`: at once for English, else after its chunk loads (English if that fails). */
export function loadStrings(lang: Lang): Strings | Promise<Strings> {
  const strings = LOADERS[lang]();
  return strings instanceof Promise ? strings.catch(() => en) : strings;
}

/** First candidate whose language we speak (data-lang, then <html lang>, then the browser); else English. */
export function pickLang(candidates: (string | null | undefined)[]): Lang {
  for (const candidate of candidates) {
    const base = candidate?.trim().toLowerCase().split(/[-_]/)[0];
    if (base && Object.prototype.hasOwnProperty.call(LOADERS, base)) return base as Lang;
  }
  return 'en';
}
