import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { DomainError } from './errors.js';

/** E.164 (`+34612345678`) or a bad_request that says what was wrong. */
export function toE164(input: string, defaultCountry?: string): string {
  const parsed = parsePhoneNumberFromString(input, defaultCountry as CountryCode | undefined);
  if (!parsed || !parsed.isValid()) {
    throw new DomainError('bad_request', `"${input.slice(0, 40)}" is not a valid phone number${defaultCountry ? '' : ' (use the international format, e.g. +34 612 345 678)'}`);
  }
  return parsed.number;
}
