import { randomBytes } from 'node:crypto';

/** URL-safe random id with a readable prefix (`c_…` conversation, `v_…` visitor). 96 bits of entropy. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

/** A secret for signing or a password: 128+ bits, URL-safe. */
export function newSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
