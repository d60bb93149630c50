import { describe, expect, it } from 'vitest';
import { cannedQuery, expandCanned, matchingCanned } from './canned';

const responses = [
  { id: '1', shortcut: 'refund', text: 'Hi {{name}}, your refund is on its way. {{agent}}' },
  { id: '2', shortcut: 'thanks', text: 'Thanks!' },
  { id: '3', shortcut: 'partial-refund', text: 'Partial' },
];

describe('canned responses', () => {
  it('recognises a /shortcut only when it is the whole reply', () => {
    expect(cannedQuery('/ref')).toBe('ref');
    expect(cannedQuery('/')).toBe('');
    expect(cannedQuery('see /ref')).toBeNull();
    expect(cannedQuery('/ref now')).toBeNull();
  });

  it('lists prefix matches first, then other matches', () => {
    expect(matchingCanned(responses, 'ref').map((r) => r.shortcut)).toEqual(['refund', 'partial-refund']);
    expect(matchingCanned(responses, '').map((r) => r.shortcut)).toEqual(['refund', 'thanks', 'partial-refund']);
  });

  it('fills the customer first name and the agent, with a fallback for unknown customers', () => {
    expect(expandCanned(responses[0]?.text ?? '', { name: 'Marta Ruiz', agent: 'Ana' })).toBe('Hi Marta, your refund is on its way. Ana');
    expect(expandCanned('Hi {{ name }} {{order}}', { name: null, agent: 'Ana' })).toBe('Hi there {{order}}');
  });
});
