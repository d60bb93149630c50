import { describe, expect, it } from 'vitest';
import { badgeTitle, customerWroteToMe, newlyMine } from './attention';
import { conversation, message } from './testing/fixtures';

describe('attention rules', () => {
  it('alerts when a conversation becomes mine, not on every update of one I already hold', () => {
    expect(newlyMine(null, conversation('c1', { assigneeId: 'me' }), 'me')).toBe(true);
    expect(newlyMine('other', conversation('c1', { assigneeId: 'me' }), 'me')).toBe(true);
    expect(newlyMine('me', conversation('c1', { assigneeId: 'me' }), 'me')).toBe(false);
    expect(newlyMine(null, conversation('c1', { assigneeId: 'other' }), 'me')).toBe(false);
    expect(newlyMine(null, conversation('c1', { assigneeId: 'me', status: 'resolved' }), 'me')).toBe(false);
  });

  it('alerts on customer messages in my conversations only', () => {
    expect(customerWroteToMe(message('c1', 1), 'me', 'me')).toBe(true);
    expect(customerWroteToMe(message('c1', 1), 'other', 'me')).toBe(false);
    expect(customerWroteToMe(message('c1', 1, { author: { kind: 'agent', id: 'me' } }), 'me', 'me')).toBe(false);
  });

  it('badges the title with the unread count', () => {
    expect(badgeTitle('Hilo', 0)).toBe('Hilo');
    expect(badgeTitle('Hilo', 3)).toBe('(3) Hilo');
    expect(badgeTitle('Hilo', 120)).toBe('(99+) Hilo');
  });
});
