import { describe, expect, it, vi } from 'vitest';
import { SESSION_ENDED } from './agent-connection';
import { flush } from './testing/fake-agent-socket';
import { conversation, message, profile } from './testing/fixtures';
import { createHarness } from './testing/workspace-harness';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function serverWith(history: Record<string, ReturnType<typeof message>[]>) {
  const h = createHarness();
  const list = [conversation('c1', { lastOrder: 3, updatedAt: 5_000 }), conversation('c2', { updatedAt: 4_000 })];
  h.socket.handlers['inbox:view'] = () => ({ ok: true, data: { conversations: list, total: list.length } });
  h.socket.handlers['conversation:open'] = ({ conversationId, afterOrder = 0 }) => {
    const messages = (history[conversationId] ?? []).filter((m) => m.order > afterOrder);
    return { ok: true, data: { conversation: conversation(conversationId), messages, hasMore: false } };
  };
  return h;
}

describe('agent connection', () => {
  it('lists the open inbox on connect and reports Live', async () => {
    const h = serverWith({});
    h.connection.start();
    expect(h.socket.connectCalls).toBe(1);
    expect(h.status.get()).toBe('connecting');
    h.socket.serverAccept();
    await flush();
    expect(h.status.get()).toBe('live');
    expect(h.socket.sent('inbox:view')[0]?.payload).toEqual({ view: 'all', sort: 'activity', offset: 0, limit: 50 });
    expect(h.inbox.state.get().conversations.map((c) => c.id)).toEqual(['c1', 'c2']);
  });

  it('takes the conversation state a new message carries as its inbox update', async () => {
    const h = serverWith({});
    h.connection.start();
    h.socket.serverAccept();
    await flush();
    h.socket.push('message:new', message('c7', 1, { conversationId: 'c7' }), conversation('c7', { visitorName: 'Lea', lastOrder: 1, updatedAt: 99_000 }));
    expect(h.inbox.state.get().conversations.find((c) => c.id === 'c7')?.visitorName).toBe('Lea');
  });

  it('pages history while hasMore', async () => {
    const h = createHarness();
    const all = [1, 2, 3, 4, 5].map((order) => message('c1', order));
    h.socket.handlers['conversation:open'] = ({ afterOrder = 0 }) => {
      const messages = all.filter((m) => m.order > afterOrder).slice(0, 2);
      return { ok: true, data: { conversation: conversation('c1'), messages, hasMore: messages.at(-1)?.order !== 5 } };
    };
    h.socket.serverAccept();
    h.connection.openConversation('c1');
    await flush();
    expect(h.socket.sent('conversation:open').map((e) => e.payload)).toEqual([
      { conversationId: 'c1', afterOrder: 0 },
      { conversationId: 'c1', afterOrder: 2 },
      { conversationId: 'c1', afterOrder: 4 },
    ]);
    expect(h.conversation.state.get().messages.map((m) => m.order)).toEqual([1, 2, 3, 4, 5]);
    expect(h.conversation.state.get().loading).toBe(false);
  });

  it('resyncs after a reconnect: inbox again, and the open conversation after the highest order held', async () => {
    const history = { c1: [message('c1', 1), message('c1', 2), message('c1', 3)] };
    const h = serverWith(history);
    h.connection.start();
    h.socket.serverAccept();
    h.connection.openConversation('c1');
    await flush();

    h.socket.serverDrop();
    expect(h.status.get()).toBe('reconnecting');
    // While offline the visitor wrote twice; the pushes never reached this console.
    history.c1.push(message('c1', 4), message('c1', 5));
    h.socket.serverAccept();
    await flush();

    expect(h.status.get()).toBe('live');
    expect(h.socket.sent('inbox:view')).toHaveLength(2);
    expect(h.socket.sent('conversation:open').at(-1)?.payload).toEqual({ conversationId: 'c1', afterOrder: 3 });
    expect(h.conversation.state.get().messages.map((m) => m.order)).toEqual([1, 2, 3, 4, 5]);
  });

  it('resyncs when the server says it missed pushes, at a random moment within the window it gives', async () => {
    const history = { c1: [message('c1', 1)] };
    const h = serverWith(history);
    h.connection.start();
    h.socket.serverAccept();
    h.connection.openConversation('c1');
    await flush();
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.5);
    try {
      // Written while this console's server could not hear the other processes.
      history.c1.push(message('c1', 2));
      h.socket.push('sync:needed', { withinMs: 200 });
      await wait(60);
      expect(h.socket.sent('inbox:view')).toHaveLength(1);
      await wait(80);
      await flush();
      expect(h.socket.sent('inbox:view')).toHaveLength(2);
      expect(h.socket.sent('conversation:open').at(-1)?.payload).toEqual({ conversationId: 'c1', afterOrder: 1 });
      expect(h.conversation.state.get().messages.map((m) => m.order)).toEqual([1, 2]);
    } finally {
      random.mockRestore();
    }
  });

  it('resyncs again when the server sheds the inbox request, no sooner than it says', async () => {
    const h = serverWith({});
    let shed = true;
    const list = h.socket.handlers['inbox:view'];
    h.socket.handlers['inbox:view'] = (payload) =>
      shed ? { ok: false, error: { code: 'unavailable', message: 'Server busy; retry shortly', retryAfterMs: 60 } } : list?.(payload);
    const random = vi.spyOn(Math, 'random').mockReturnValue(0);
    try {
      h.connection.start();
      h.socket.serverAccept();
      await flush();
      expect(h.inbox.state.get().conversations).toEqual([]);
      shed = false;
      await wait(30);
      expect(h.socket.sent('inbox:view')).toHaveLength(1);
      await wait(60);
      await flush();
      expect(h.socket.sent('inbox:view')).toHaveLength(2);
      expect(h.inbox.state.get().conversations.map((c) => c.id)).toEqual(['c1', 'c2']);
    } finally {
      random.mockRestore();
    }
  });

  it('re-sends a pending reply with the same clientId after reconnect and settles it once', async () => {
    const h = serverWith({ c1: [message('c1', 1)] });
    h.connection.start();
    h.socket.serverAccept();
    h.connection.openConversation('c1');
    await flush();

    // The first attempt is lost with the connection: no ack ever comes.
    h.socket.handlers['message:send'] = () => undefined;
    const result = h.connection.send('On my way');
    expect(h.outbox.items.get()).toHaveLength(1);
    h.socket.serverDrop();

    const stored = message('c1', 2, { clientId: 'client-id-1', author: { kind: 'agent', id: 'ag_1', name: 'Ana' }, text: 'On my way' });
    h.socket.handlers['message:send'] = () => ({ ok: true, data: stored });
    h.socket.serverAccept();
    await flush();

    const sends = h.socket.sent('message:send').map((e) => e.payload);
    expect(sends).toEqual([
      { conversationId: 'c1', clientId: 'client-id-1', text: 'On my way' },
      { conversationId: 'c1', clientId: 'client-id-1', text: 'On my way' },
    ]);
    await expect(result).resolves.toEqual({ ok: true, data: stored });
    expect(h.outbox.items.get()).toEqual([]);
    expect(h.conversation.state.get().messages.map((m) => m.id)).toEqual(['c1-m1', 'c1-m2']);
  });

  it('does not emit a reply while offline, only after the reconnect', async () => {
    const h = serverWith({});
    h.connection.start();
    h.socket.serverAccept();
    h.connection.openConversation('c1');
    await flush();
    h.socket.serverDrop();
    void h.connection.send('hello');
    expect(h.socket.sent('message:send')).toHaveLength(0);
    h.socket.serverAccept();
    expect(h.socket.sent('message:send')).toHaveLength(1);
  });

  it('signs out and closes the socket when the handshake is refused as unauthorized', () => {
    const h = serverWith({});
    h.connection.start();
    h.socket.serverRefuse('unauthorized');
    expect(h.session.state.get()).toEqual({ status: 'signed-out', notice: SESSION_ENDED });
    expect(h.socket.disconnectCalls).toBe(1);
  });

  it('retries by itself after another refusal, staying signed in', async () => {
    const h = serverWith({});
    h.connection.start();
    h.socket.serverRefuse('unavailable');
    expect(h.status.get()).toBe('reconnecting');
    expect(h.session.state.get().status).toBe('signed-in');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(h.socket.connectCalls).toBe(2);
  });

  it('reconnects itself when the server drops the socket on purpose', () => {
    const h = serverWith({});
    h.connection.start();
    h.socket.serverAccept();
    h.socket.serverDrop('io server disconnect');
    expect(h.socket.connectCalls).toBe(2);
  });

  it('fetches the gap when a push skips orders', async () => {
    const history = { c1: [message('c1', 1)] };
    const h = serverWith(history);
    h.socket.serverAccept();
    h.connection.openConversation('c1');
    await flush();
    history.c1.push(message('c1', 2), message('c1', 3));
    h.socket.push('message:new', message('c1', 3));
    await flush();
    expect(h.socket.sent('conversation:open').at(-1)?.payload).toEqual({ conversationId: 'c1', afterOrder: 1 });
    expect(h.conversation.state.get().messages.map((m) => m.order)).toEqual([1, 2, 3]);
  });

  it('marks what the open conversation shows as seen', async () => {
    const h = serverWith({ c1: [message('c1', 1), message('c1', 2), message('c1', 3)] });
    h.socket.serverAccept();
    await flush();
    h.connection.openConversation('c1');
    await flush();
    h.socket.push('message:new', message('c1', 4));
    expect(h.inbox.state.get().seen.c1).toBe(4);
  });

  describe('customer panel wiring', () => {
    async function withCustomer() {
      const h = serverWith({ c1: [message('c1', 1)] });
      h.socket.handlers['contact:get'] = () => ({ ok: true, data: profile() });
      h.socket.handlers['timeline:get'] = () => ({
        ok: true,
        data: [{ kind: 'conversation', at: 1, channel: 'chat', conversation: conversation('c1'), messageCount: 1, recent: [message('c1', 1)] }],
      });
      h.connection.start();
      h.socket.serverAccept();
      h.connection.openConversation('c1');
      await flush();
      return h;
    }

    it('shows the open conversation\'s customer', async () => {
      const h = await withCustomer();
      expect(h.contact.state.get().contactId).toBe('ct_1');
      expect(h.contact.state.get().profile?.contact.name).toBe('Marta Ruiz');
    });

    it('refetches once for a message and its conversation update arriving together', async () => {
      const h = await withCustomer();
      h.socket.push('message:new', message('c1', 2));
      h.socket.push('conversation:updated', conversation('c1', { lastOrder: 2 }));
      h.socket.push('message:new', message('c9', 1, { conversationId: 'c9' }));
      await wait(20);
      await flush();
      expect(h.socket.sent('timeline:get')).toHaveLength(2);
    });

    it('asks for the customer again after a reconnect', async () => {
      const h = await withCustomer();
      h.socket.serverDrop();
      h.socket.serverAccept();
      await wait(20);
      await flush();
      expect(h.socket.sent('contact:get')).toHaveLength(2);
    });

    it('adds a note without conversationId for a customer other than the open conversation\'s', async () => {
      const h = await withCustomer();
      h.socket.handlers['note:add'] = () => ({ ok: false, error: { code: 'bad_request', message: 'x' } });
      await h.connection.addNote('ct_other', 'hello');
      expect(h.socket.sent('note:add')[0]?.payload).toEqual({ contactId: 'ct_other', text: 'hello' });
    });
  });
});
