import type { Ack, AckCallback, AgentClientToServer, AgentServerToClient, Call, CallLogInput, Contact, Conversation, Message, Note } from '@hilo/shared';
import type { Socket } from 'socket.io-client';
import type { ContactLoadResult, ContactModel } from './contact-model';
import type { ConversationModel } from './conversation-model';
import type { InboxModel } from './inbox-model';
import type { InboxQuery } from './inbox-query';
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
  /** The customer beside the open conversation; its loader should be this connection's `fetchContact`. */
  contact: ContactModel;
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
  const { socket, session, inbox, conversation, contact, outbox, status } = deps;
  const newClientId = deps.newClientId ?? makeClientId;
  const waiting = new Map<string, (result: Ack<Message>) => void>();
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let resyncTimer: ReturnType<typeof setTimeout> | undefined;

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

  const PAGE = 50;
  /** Reloads the current view, as many rows as were shown (at least one page). */
  async function refreshInbox(): Promise<Ack<unknown>> {
    const { query, conversations } = inbox.state.get();
    const limit = Math.min(200, Math.max(PAGE, conversations.length));
    const answer = await call('inbox:view', { ...query, offset: 0, limit });
    // The agent switched view meanwhile: that request's answer is the one to show.
    if (answer.ok && inbox.state.get().query === query) inbox.replaceAll(answer.data.conversations, answer.data.total);
    return answer;
  }

  async function loadMore(): Promise<void> {
    const { query, conversations } = inbox.state.get();
    const answer = await call('inbox:view', { ...query, offset: conversations.length, limit: PAGE });
    if (answer.ok && inbox.state.get().query === query) inbox.appendPage(answer.data.conversations, answer.data.total);
  }

  const resyncHooks: Array<() => void> = [];

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

  /** Runs `resync` at a random moment `withinMs` long, starting `notBefore` from now, unless stopped or offline by then. */
  function resyncWithin(withinMs: number, notBefore = 0): void {
    clearTimeout(resyncTimer);
    resyncTimer = setTimeout(() => {
      if (!stopped && socket.connected) resync();
    }, notBefore + Math.random() * Math.min(withinMs, 30_000));
  }

  function resync(): void {
    void refreshInbox().then((answer) => {
      // Shed (a reconnect storm after a process died): the whole resync runs again, no sooner than asked.
      if (!answer.ok && (answer.error.code === 'unavailable' || answer.error.code === 'rate_limited')) {
        const wait = answer.error.retryAfterMs || 1000;
        resyncWithin(wait, wait);
      }
    });
    const id = conversation.state.get().id;
    if (id) void loadHistory(id, conversation.highestOrder());
    for (const reply of outbox.items.get()) emitSend(reply);
    contact.refresh();
    for (const hook of resyncHooks) hook();
  }

  /** A stored message reached us (ack or push): show it, and settle the pending reply it answers. */
  function deliver(message: Message): void {
    inbox.noteMessage(message);
    contact.noteMessage(message);
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
  function applyConversation(updated: Conversation): void {
    inbox.upsert(updated);
    conversation.setConversation(updated);
    if (updated.contactId) contact.invalidate(updated.contactId);
  }
  socket.on('conversation:updated', applyConversation);
  socket.on('message:new', (message, updated) => {
    deliver(message);
    if (updated) applyConversation(updated);
  });
  socket.on('message:updated', (message) => {
    conversation.replaceMessage(message);
    contact.replaceMessage(message);
  });
  // This server missed pushes from the others (its Redis link was down): catch up as after a
  // reconnect, at a random moment in the window it gives, so a crowd of consoles does not ask at once.
  socket.on('sync:needed', (hint) => resyncWithin(hint.withinMs));
  socket.on('contact:updated', (changed) => contact.invalidate(changed.id));
  socket.on('timeline:changed', (change) => contact.invalidate(change.contactId));

  // The panel follows the open conversation's customer, but only when that customer *changes*, so a
  // contact shown after a merge is not replaced by the stale id until the server moves the conversation.
  let followed: string | null = null;
  conversation.state.subscribe(() => {
    const open = conversation.state.get();
    // Opened from a timeline, a conversation's header arrives with its history: keep the customer meanwhile.
    if (open.id && !open.conversation) return;
    const id = open.conversation?.contactId ?? null;
    if (id === followed) return;
    followed = id;
    contact.show(id);
  });

  /** The customer's open conversation, when it is theirs: notes logged from it point back to it. */
  function openConversationOf(contactId: string): string | undefined {
    const open = conversation.state.get();
    return open.id && open.conversation?.contactId === contactId ? open.id : undefined;
  }

  function afterChange<T>(contactId: string, answer: Ack<T>): Ack<T> {
    if (answer.ok) contact.invalidate(contactId);
    return answer;
  }

  function stop(): void {
    if (stopped) return;
    stopped = true;
    clearTimeout(retryTimer);
    clearTimeout(resyncTimer);
    socket.disconnect();
  }

  return {
    /** For feature modules (workflow-connection.ts): requests, pushes and resync go through this owner. */
    request: call,
    onPush<E extends keyof AgentServerToClient>(event: E, listener: AgentServerToClient[E]): void {
      // Same cast as `call`: the generic event name hides which listener type applies.
      (socket.on as (event: E, listener: AgentServerToClient[E]) => unknown)(event, listener);
      // A new message carries its conversation's new state instead of a separate conversation:updated.
      if (event === 'conversation:updated') {
        const onUpdate = listener as AgentServerToClient['conversation:updated'];
        socket.on('message:new', (_message, updated) => {
          if (updated) onUpdate(updated);
        });
      }
    },
    onResync(hook: () => void): void {
      resyncHooks.push(hook);
    },
    loadMore,
    setQuery(query: InboxQuery): void {
      inbox.setQuery(query);
      if (socket.connected) void refreshInbox();
    },
    start(): void {
      status.set('connecting');
      socket.connect();
    },
    stop,
    /** The contact model's loader: profile and timeline in parallel. */
    async fetchContact(contactId: string): Promise<ContactLoadResult> {
      const [profile, timeline] = await Promise.all([call('contact:get', { contactId }), call('timeline:get', { contactId })]);
      if (!profile.ok) return { ok: false, message: profile.error.message };
      if (!timeline.ok) return { ok: false, message: timeline.error.message };
      return { ok: true, profile: profile.data, timeline: timeline.data };
    },
    /** The existing customer (`survivorId`) keeps everything of `mergedId`; the panel moves to the survivor. */
    async mergeContact(survivorId: string, mergedId: string): Promise<Ack<Contact>> {
      const answer = await call('contact:merge', { survivorId, mergedId });
      if (answer.ok) {
        if (contact.state.get().contactId === answer.data.id) contact.invalidate(answer.data.id);
        else contact.show(answer.data.id);
      }
      return answer;
    },
    async addNote(contactId: string, text: string): Promise<Ack<Note>> {
      const conversationId = openConversationOf(contactId);
      const payload = conversationId ? { contactId, conversationId, text } : { contactId, text };
      return afterChange(contactId, await call('note:add', payload));
    },
    async logCall(input: CallLogInput): Promise<Ack<Call>> {
      return afterChange(input.contactId, await call('call:log', input));
    },
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
