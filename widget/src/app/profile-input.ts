import type { Attributes, IdentifyInput } from '@hilo/shared';

// The server's limits (shared/src/contact.ts), checked here without zod so one bad field from the
// site's code is dropped with a warning instead of getting the whole payload refused.
const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_ATTRIBUTES = 50;
const MAX_ATTRIBUTE_TEXT = 500;
const IDENTITY_FIELDS = ['email', 'name', 'phone', 'userHash'] as const;

const skip = (name: string) => console.warn('[hilo]', `setAttributes: skipped "${name}" (names: letters, digits, _ . -; values: string, number, boolean, null)`);

/** Keeps the known string fields of `Hilo.identify(...)`, trimmed; null without an email, name or phone. */
export function cleanIdentity(input: unknown): IdentifyInput | null {
  if (typeof input !== 'object' || input === null) return null;
  const source = input as Record<string, unknown>;
  const identity: IdentifyInput = {};
  for (const field of IDENTITY_FIELDS) {
    const value = source[field];
    if (typeof value === 'string' && value.trim()) identity[field] = value.trim();
  }
  return identity.email || identity.name || identity.phone ? identity : null;
}

/** `current` with `input` applied: flat string/number/boolean values set, null removes; sorted by name. */
export function mergeAttributes(current: Attributes, input: unknown): Attributes {
  const next = new Map(Object.entries(current));
  if (typeof input === 'object' && input !== null) {
    for (const [name, value] of Object.entries(input as Record<string, unknown>)) {
      if (!ATTRIBUTE_NAME.test(name)) skip(name);
      else if (value === null) next.delete(name);
      else if (typeof value === 'string') next.set(name, value.slice(0, MAX_ATTRIBUTE_TEXT));
      else if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) next.set(name, value);
      else skip(name);
    }
  }
  // Sorted, so the same facts always give the same JSON (what tells "changed" from "already sent").
  const entries = [...next].sort(([a], [b]) => (a < b ? -1 : 1));
  // The server takes at most 50. Object.fromEntries defines own properties: "__proto__" stays a name.
  return Object.fromEntries(entries.slice(0, MAX_ATTRIBUTES));
}

/** The stored attributes, re-checked (storage is page-writable). */
export function cleanAttributes(stored: unknown): Attributes | null {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return null;
  return mergeAttributes({}, stored);
}
