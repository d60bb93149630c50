import { describe, expect, it } from 'vitest';
import { pickLang } from './pick-locale';

describe('pickLang', () => {
  it('prefers data-lang, then <html lang>, then the browser', () => {
    expect(pickLang(['es', 'en', 'en-US'])).toBe('es');
    expect(pickLang([undefined, 'es-MX', 'en-US'])).toBe('es');
    expect(pickLang([undefined, '', 'es_ES'])).toBe('es');
  });

  it('skips languages it does not speak and defaults to English', () => {
    expect(pickLang(['fr', 'de-DE', 'es'])).toBe('es');
    expect(pickLang(['fr', null, 'constructor'])).toBe('en');
    expect(pickLang([])).toBe('en');
  });
});
