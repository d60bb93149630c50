import { fireEvent, render, screen } from '@testing-library/preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { createChatSignals } from './chat-signals';
import { ChatSignals } from './ChatSignals';
import { flush } from './testing/fake-agent-socket';
import { conversation, message } from './testing/fixtures';
import { createHarness } from './testing/workspace-harness';

async function openChat() {
  const h = createHarness();
  const signals = createChatSignals();
  signals.link(h.connection);
  h.socket.handlers['conversation:open'] = () => ({
    ok: true,
    data: {
      conversation: conversation('c1', { channel: 'chat', lastOrder: 2 }),
      messages: [message('c1', 1, { text: 'Hi' }), message('c1', 2, { author: { kind: 'agent', id: 'ag_2', name: 'Bruno' }, text: 'Hello!' })],
      hasMore: false,
    },
  });
  h.socket.handlers['conversation:read-state'] = () => ({ ok: true, data: { conversationId: 'c1', visitor: 1, agent: 0 } });
  render(
    <section class="conversation">
      <ChatSignals conversation={h.conversation} signals={signals} />
      <textarea aria-label="Reply" />
    </section>,
  );
  await act(async () => {
    h.socket.serverAccept();
    h.connection.openConversation('c1');
    await flush();
  });
  return h;
}

// The fake socket's push() lists the core events only; these come through the same listener table.
const push = (h: ReturnType<typeof createHarness>, event: string, payload: unknown) =>
  act(() => (h.socket as unknown as { push(e: string, p: unknown): void }).push(event, payload));

describe('ChatSignals', () => {
  it('marks the shown messages read and loads the read state of the open chat', async () => {
    const h = await openChat();
    expect(h.socket.sent('conversation:read').map((e) => e.payload)).toEqual([{ conversationId: 'c1', order: 2 }]);
    expect(h.socket.sent('conversation:read-state').map((e) => e.payload)).toEqual([{ conversationId: 'c1' }]);
    // The shopper has read only order 1: the agent's reply (order 2) is not seen yet.
    expect(screen.queryByText('Seen by the customer')).toBeNull();
    push(h, 'conversation:read-state', { conversationId: 'c1', visitor: 2, agent: 2 });
    expect(screen.getByText('Seen by the customer')).toBeTruthy();
  });

  it('shows the shopper draft as text, for the open conversation only, and clears it', async () => {
    const h = await openChat();
    push(h, 'typing:visitor', { conversationId: 'other', draft: 'not this one' });
    expect(screen.queryByText('not this one')).toBeNull();
    push(h, 'typing:visitor', { conversationId: 'c1', draft: '<img src=x onerror=alert(1)> where is it' });
    expect(screen.getByText('<img src=x onerror=alert(1)> where is it')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    push(h, 'typing:visitor', { conversationId: 'c1', draft: '' });
    expect(screen.queryByText(/Customer is typing/)).toBeNull();
  });

  it('tells the server while the agent types a reply and when they stop', async () => {
    const h = await openChat();
    const reply = screen.getByLabelText('Reply');
    fireEvent.input(reply, { target: { value: 'On its' } });
    fireEvent.input(reply, { target: { value: 'On its way' } });
    fireEvent.input(reply, { target: { value: '' } });
    expect(h.socket.sent('typing:set').map((e) => e.payload)).toEqual([
      { conversationId: 'c1', typing: true },
      { conversationId: 'c1', typing: false },
    ]);
  });

  it('shows the customer rating when it comes in', async () => {
    const h = await openChat();
    expect(h.socket.sent('conversation:csat').map((e) => e.payload)).toEqual([{ conversationId: 'c1' }]);
    push(h, 'conversation:rated', { conversationId: 'c1', rating: 'bad', comment: '<i>slow</i>', ratedAt: 1 });
    expect(screen.getByText(/Customer rating: 👎 Bad/).textContent).toContain('“<i>slow</i>”');
  });
});
