import type { Contact } from '@hilo/shared';
import { describe, expect, it } from 'vitest';
import { combine, conflicts, withIdentity } from './identities.js';

function contact(over: Partial<Contact>): Contact {
  return { id: 'p', siteId: 's', name: null, emails: [], phones: [], visitorIds: [], attributes: {}, createdAt: 1, updatedAt: 1, ...over };
}

describe('identities', () => {
  it('adds or upgrades an identity, never downgrades it', () => {
    const c = withIdentity(contact({ emails: [{ value: 'a@x.io', verified: true }] }), 'email', 'a@x.io', false);
    expect(c.emails).toEqual([{ value: 'a@x.io', verified: true }]);
    expect(withIdentity(c, 'email', 'b@x.io', false).emails).toHaveLength(2);
  });

  it('sees a conflict only between different verified identities of one kind', () => {
    const ana = contact({ emails: [{ value: 'ana@x.io', verified: true }] });
    const eva = contact({ emails: [{ value: 'eva@x.io', verified: true }] });
    const claim = contact({ emails: [{ value: 'eva@x.io', verified: false }] });
    const both = contact({ emails: [{ value: 'ana@x.io', verified: true }, { value: 'eva@x.io', verified: true }] });
    expect(conflicts(ana, eva)).toBe(true);
    expect(conflicts(ana, claim)).toBe(false);
    expect(conflicts(ana, both)).toBe(false);
    expect(conflicts(ana, contact({ phones: [{ value: '+34600000000', verified: true }] }))).toBe(false);
  });

  it('combines identities, visitors and attributes, keeping the survivor\u2019s name and values', () => {
    const survivor = contact({ name: 'Ana', emails: [{ value: 'ana@x.io', verified: true }], visitorIds: ['v_1'], attributes: { plan: 'gold' } });
    const merged = contact({ name: 'Anita', emails: [{ value: 'ana@x.io', verified: false }], phones: [{ value: '+34600000000', verified: false }], visitorIds: ['v_2', 'v_1'], attributes: { plan: 'free', locale: 'es' } });
    const result = combine(survivor, merged, 99);
    expect(result).toMatchObject({ name: 'Ana', visitorIds: ['v_1', 'v_2'], attributes: { plan: 'gold', locale: 'es' }, updatedAt: 99 });
    expect(result.emails).toEqual([{ value: 'ana@x.io', verified: true }]);
    expect(result.phones).toEqual([{ value: '+34600000000', verified: false }]);
  });
});
