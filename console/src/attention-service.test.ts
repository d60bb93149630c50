import { describe, expect, it, vi } from 'vitest';
import type { AttentionEnv } from './attention-service';
import { createAttention } from './attention-service';
import { flush } from './testing/fake-agent-socket';
import { AGENT, conversation, message } from './testing/fixtures';
import { createHarness } from './testing/workspace-harness';

function env(hidden: boolean) {
  const spies = { notify: vi.fn<AttentionEnv['notify']>(), beep: vi.fn<AttentionEnv['beep']>(), setTitle: vi.fn<AttentionEnv['setTitle']>(), save: vi.fn<AttentionEnv['save']>() };
  const full: AttentionEnv = {
    ...spies,
    permission: () => 'granted',
    requestPermission: () => Promise.resolve('granted'),
    hidden: () => hidden,
    load: () => null,
  };
  return { ...full, ...spies };
}

describe('attention', () => {
  it('notifies and beeps for a conversation newly assigned to me while the tab is hidden, once', async () => {
    const h = createHarness();
    const e = env(true);
    createAttention(AGENT, h.connection, h.inbox, e);
    h.socket.push('conversation:updated', conversation('c1', { assigneeId: null }));
    h.socket.push('conversation:updated', conversation('c1', { assigneeId: AGENT.id, lastMessage: { text: 'Help!', authorKind: 'visitor', createdAt: 1 } }));
    h.socket.push('conversation:updated', conversation('c1', { assigneeId: AGENT.id }));
    await flush();
    expect(e.notify).toHaveBeenCalledTimes(1);
    expect(e.notify).toHaveBeenCalledWith('New conversation for you', 'Help!');
    h.socket.push('message:new', message('c1', 2, { text: 'Still there?' }));
    expect(e.notify).toHaveBeenCalledTimes(2);
    expect(e.beep).toHaveBeenCalledTimes(2);
  });

  it('stays quiet while the tab is visible and when sound is switched off', () => {
    const h = createHarness();
    const visible = env(false);
    const a = createAttention(AGENT, h.connection, h.inbox, visible);
    h.socket.push('conversation:updated', conversation('c1', { assigneeId: AGENT.id }));
    expect(visible.notify).not.toHaveBeenCalled();
    a.setPrefs({ desktop: true, sound: false });
    expect(visible.save).toHaveBeenCalledWith({ desktop: true, sound: false });
  });

  it('puts the unread count of my conversations in the title', () => {
    const h = createHarness();
    const e = env(false);
    createAttention(AGENT, h.connection, h.inbox, e);
    h.inbox.replaceAll([conversation('c1', { assigneeId: AGENT.id, lastOrder: 3 }), conversation('c2', { assigneeId: 'other', lastOrder: 5 })]);
    expect(e.setTitle).toHaveBeenLastCalledWith('(3) Hilo console');
  });
});
