import type { Contact, Identity } from '@hilo/shared';

export type IdentityKind = 'email' | 'phone';

export function listOf(contact: Contact, kind: IdentityKind): Identity[] {
  return kind === 'email' ? contact.emails : contact.phones;
}

/** Adds the value or upgrades it to verified; never downgrades. */
export function withIdentity(contact: Contact, kind: IdentityKind, value: string, verified: boolean): Contact {
  const list = listOf(contact, kind);
  const existing = list.find((i) => i.value === value);
  const next = existing
    ? list.map((i) => (i.value === value ? { value, verified: i.verified || verified } : i))
    : [...list, { value, verified }];
  return kind === 'email' ? { ...contact, emails: next } : { ...contact, phones: next };
}

export function hasVerified(contact: Contact, kind: IdentityKind, value: string): boolean {
  return listOf(contact, kind).some((i) => i.value === value && i.verified);
}

function verifiedValues(contact: Contact, kind: IdentityKind): Set<string> {
  return new Set(listOf(contact, kind).filter((i) => i.verified).map((i) => i.value));
}

/**
 * Two contacts conflict when both have verified identities of a kind and share none of them: they are
 * provably different people, so they are never merged automatically.
 */
export function conflicts(a: Contact, b: Contact): boolean {
  return (['email', 'phone'] as const).some((kind) => {
    const left = verifiedValues(a, kind);
    const right = verifiedValues(b, kind);
    return left.size > 0 && right.size > 0 && ![...left].some((v) => right.has(v));
  });
}

/** Union of two contacts' identities and facts; the survivor's name and attributes win. */
export function combine(survivor: Contact, merged: Contact, at: number): Contact {
  let result: Contact = { ...survivor };
  for (const kind of ['email', 'phone'] as const) {
    for (const identity of listOf(merged, kind)) result = withIdentity(result, kind, identity.value, identity.verified);
  }
  return {
    ...result,
    name: survivor.name ?? merged.name,
    visitorIds: [...new Set([...survivor.visitorIds, ...merged.visitorIds])],
    attributes: { ...merged.attributes, ...survivor.attributes },
    updatedAt: at,
  };
}
