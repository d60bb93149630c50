import type { Ack, AckCallback, AgentClientToServer, AgentServerToClient, Message } from '@hilo/shared';
import type { Socket } from 'socket.io-client';
import type { ConversationModel } from './conversation-model';
import type { InboxModel } from './inbox-model';
import type { Observable } from './observable';
import type { OutboxModel, PendingReply } from './outbox-model';
import type { SessionModel } from './session-model';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting';

/** The part of a socket.io-client Socket this module uses; tests pass a fake of this shape. */
export type AgentSocket = Pick<Socket<AgentServerToClient, AgentClientToServer>, 'connected' | 'active' | 'on' | 'emit' | 'connect' | 'disconnect'>;

type Payload<E extends keyof AgentClientToServer> = Parameters<AgentClientToServer[E]>[0];
type AckData<E extends keyof AgentClientToServer> = AgentClientToServer[E] extends (payload: never, ack: AckCallback<infer T>) => void ? T : never;

export interface AgentConnectionDeps {
  socket: AgentSocket;
  session: SessionModel;
  inbox: InboxModel;
  conversation: ConversationModel;
  outbox: OutboxModel;
  status: Observable<ConnectionStatus>;
  newClientId?: () => string;
  retryDelayMs?: number;
}

export const SESSION_ENDED = 'Your session has ended. Please sign in again.';

/**
 * The one owner of the agent socket: it turns server pushes into model updates, runs the console's
 * requests, and resynchronises after every (re)connect so nothing that happened offline is missed.
 */
export function createAgentConnection(deps: AgentConnectionDeps) {
  const { socket, session, inbox, conversation, outbox, status } = deps;
  const newClientId = deps.newClientId ?? makeClientId;
  const waiting = new Map<string, (result: Ack<Message>) => void>();
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  function call<E extends keyof AgentClientToServer>(event: E, payload: Payload<E>): Promise<Ack<AckData<E>>> {
    return new Promise((resolve) => {
      const ack: AckCallback<AckData<E>> = (response) => {
        if (!response.ok && response.error.code === 'unauthorized') endSession();
        resolve(response);
      };
      // The generic event name hides which tuple applies; the signature above keeps callers honest.
      (socket.emit as (event: E, payload: Payload<E>, ack: AckCallback<AckData<E>>) => unknown)(event, payload, ack);
    });
  }

  function endSession(): void {
    stop();
    session.signedOut(SESSION_ENDED);
  }

  async function refreshInbox(): Promise<void> {
    const answer = await call('inbox:list', { status: 'open' });
    if (answer.ok) inbox.replaceAll(answer.data);
  }

  /** Loads history after `afterOrder`, page by page while the server says there is more. */
  async function loadHistory(id: string, afterOrder: number): Promise<void> {
    conversation.setLoading(id, true);
    let after = afterOrder;
    for (;;) {
      const answer = await call('conversation:open', { conversationId: id, afterOrder: after });
      if (stopped || conversation.state.get().id !== id) return;
      if (!answer.ok) {
        conversation.fail(id, answer.error.message);
        return;
      }
      conversation.applyHistory(id, answer.data);
      inbox.markSeen(id, conversation.highestOrder());
      const last = answer.data.messages.at(-1);
      if (!answer.data.hasMore || !last) break;
      after = last.order;
    }
    conversation.setLoading(id, false);
  }

  function resync(): void {
    void refreshInbox();
    const id = conversation.state.get().id;
    if (id) void loadHistory(id, conversation.highestOrder());
    for (const reply of outbox.items.get()) emitSend(reply);
  }

  /** A stored message reached us (ack or push): show it, and settle the pending reply it answers. */
  function deliver(message: Message): void {
    inbox.noteMessage(message);
    const open = conversation.state.get();
    if (open.id === message.conversationId) {
      const held = conversation.highestOrder();
      conversation.addMessages(message.conversationId, [message]);
      inbox.markSeen(message.conversationId, conversation.highestOrder());
      // A hole in the orders means a push was lost; fetch what lies between.
      if (held > 0 && message.order > held + 1 && !open.loading) void loadHistory(message.conversationId, held);
    }
    if (outbox.has(message.clientId)) settle(message.clientId, { ok: true, data: message });
  }

  function settle(clientId: string, result: Ack<Message>): void {
    outbox.remove(clientId);
    waiting.get(clientId)?.(result);
    waiting.delete(clientId);
  }

  function emitSend(reply: PendingReply): void {
    const payload = { conversationId: reply.conversationId, clientId: reply.clientId, text: reply.text };
    void call('message:send', payload).then((answer) => {
      // Already settled by a `message:new` or an earlier attempt's ack.
      if (!outbox.has(reply.clientId)) return;
      if (answer.ok) deliver(answer.data);
      else settle(reply.clientId, answer);
    });
  }

  socket.on('connect', () => {
    clearTimeout(retryTimer);
    status.set('live');
    resync();
  });
  socket.on('disconnect', (reason) => {
    if (stopped) return;
    status.set('reconnecting');
    // The server dropped us on purpose: socket.io will not reconnect alone; the handshake re-checks the session.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (error) => {
    if (stopped) return;
    if (error.message === 'unauthorized') {
      endSession();
      return;
    }
    status.set('reconnecting');
    // Refused by a server middleware: socket.io gives up, so keep knocking at a gentle pace.
    if (!socket.active) {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => socket.connect(), deps.retryDelayMs ?? 3000);
    }
  });
  socket.on('conversation:updated', (updated) => {
    inbox.upsert(updated);
    conversation.setConversation(updated);
  });
  socket.on('message:new', deliver);

  function stop(): void {
    if (stopped) return;
    stopped = true;
    clearTimeout(retryTimer);
    socket.disconnect();
  }

  return {
    start(): void {
      status.set('connecting');
      socket.connect();
    },
    stop,
    openConversation(id: string): void {
      if (conversation.state.get().id === id) return;
      inbox.select(id);
      conversation.open(id, inbox.find(id));
      // While offline the next `connect` loads it; emitting now would only queue a duplicate request.
      if (socket.connected) void loadHistory(id, 0);
    },
    /**
     * Sends a reply to the open conversation. Resolves with the ack of the stored message or the
     * error; while offline it stays pending and is re-sent with the same clientId after reconnect.
     */
    send(text: string): Promise<Ack<Message>> {
      const conversationId = conversation.state.get().id;
      if (!conversationId) return Promise.resolve({ ok: false, error: { code: 'bad_request', message: 'No conversation is open' } });
      const reply: PendingReply = { clientId: newClientId(), conversationId, text, createdAt: Date.now() };
      const result = new Promise<Ack<Message>>((resolve) => waiting.set(reply.clientId, resolve));
      outbox.add(reply);
      if (socket.connected) emitSend(reply);
      return result;
    },
  };
}

export type AgentConnection = ReturnType<typeof createAgentConnection>;

/** crypto.randomUUID exists only in secure contexts; a console on plain http on a LAN still needs ids. */
function makeClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
