// Only the shape (the server checks properly): something@domain.tld, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const EMAIL_MAX = 254;

export const looksLikeEmail = (value: string): boolean => value.length <= EMAIL_MAX && EMAIL.test(value);
