import { en } from './en';
import type { Strings } from './en';
import { es } from './es';

export const LOCALES = { en, es } satisfies Record<string, Strings>;
export type Lang = keyof typeof LOCALES;

/** First candidate whose language we speak (data-lang, then <html lang>, then the browser); else English. */
export function pickLang(candidates: (string | null | undefined)[]): Lang {
  for (const candidate of candidates) {
    const base = candidate?.trim().toLowerCase().split(/[-_]/)[0];
    if (base && Object.prototype.hasOwnProperty.call(LOCALES, base)) return base as Lang;
  }
  return 'en';
}
