import type { ConversationHistory, Message, VisitorClientToServer, VisitorServerToClient } from '@hilo/shared';
import { io } from 'socket.io-client';
import { plainParser } from './plain-json';
import type { Socket } from 'socket.io-client';
import { createAckRequests } from './ack-request';
import type { ConversationModel } from './conversation-model';
import { VISITOR_NAMESPACE } from '@hilo/shared/constants';
import { MESSAGE_TEXT_MAX } from './limits';
import type { Outbox, OutboxItem } from './outbox';
import type { ProfileChannel, ProfileSync } from './profile-sync';
import { createProfileSync } from './profile-sync';
import { isRetryable } from './retryable';
import type { SiteStorage } from './site-storage';
import { throttle } from './throttle';

/** The part of a socket.io-client Socket this module uses (tests pass a fake). */
export type VisitorSocket = Pick<
  Socket<VisitorServerToClient, VisitorClientToServer>,
  'connected' | 'active' | 'connect' | 'disconnect' | 'on' | 'emit'
>;

export interface SocketOptions {
  /** Called on every (re)connect, so the latest token is always presented. */
  auth: (cb: (data: { siteKey: string; token?: string }) => void) => void;
  autoConnect: false;
}

export type CreateSocket = (url: string, options: SocketOptions) => VisitorSocket;

/** Events the shopper sends in answer to a card; their acks carry nothing the widget reads. */
export type AskEvent = 'conversation:rate' | 'conversation:transcript' | 'visitor:identify' | 'bot:reply';
export type Ask = <E extends AskEvent>(event: E, payload: Parameters<VisitorClientToServer[E]>[0]) => Promise<{ ok: boolean }>;

export interface VisitorConnectionDeps {
  serverOrigin: string;
  siteKey: string;
  storage: SiteStorage;
  model: ConversationModel;
  outbox: Outbox;
  createSocket?: CreateSocket;
  /** Identity, attributes and page context; made from `storage` when not given. */
  profile?: ProfileSync;
  /** An ack not back by then counts as `unavailable` and is retried. */
  ackTimeoutMs?: number;
  /** First retry delay after a retryable error; doubles up to 30 s. */
  retryBaseMs?: number;
}

export interface VisitorConnection {
  /** Opens the socket if it is not open yet (idempotent). */
  connect(): void;
  /** Queues the shopper's message in the outbox, then sends it when connected. */
  send(text: string): void;
  /** Sends a failed message again, with the same clientId. */
  retry(clientId: string): void;
  /** `Hilo.identify`: stored, and sent when connected (never opens a socket by itself). */
  identify(input: unknown): void;
  /** `Hilo.setAttributes`: stored, and sent when connected (never opens a socket by itself). */
  setAttributes(input: unknown): void;
  /** The shopper's draft, throttled to one `typing:set` a second; '' when cleared or sent. Online only. */
  typing(draft: string): void;
  /** The shopper has seen the conversation up to `order` (read receipt; sent now or after the next sync). */
  markRead(order: number): void;
  /**
   * One request on the open socket, for the shopper's answers to cards (rating, transcript, email
   * follow-up, the answer bot); offline it fails at once instead of waiting for the timeout.
   */
  ask: Ask;
  /** Closes the socket and forgets the visitor in memory; the next connect starts a new one. */
  shutdown(): void;
  destroy(): void;
}
// The shopper's draft reaches the agent at most this often.
const TYPING_INTERVAL_MS = 800;
// An agent's typing indicator goes away by itself when no refresh comes (a closed console tab).
const AGENT_TYPING_TTL_MS = 6000;
// Guards against a server that keeps answering hasMore.
const MAX_SYNC_PAGES = 100;

const defaultCreateSocket: CreateSocket = (url, options) => io(url, { ...options, parser: plainParser });

export function createVisitorConnection(deps: VisitorConnectionDeps): VisitorConnection {
  const { storage, model, outbox, siteKey } = deps;
  const createSocket = deps.createSocket ?? defaultCreateSocket;
  const ackTimeoutMs = deps.ackTimeoutMs ?? 10_000;
  const retryBaseMs = deps.retryBaseMs ?? 1_000;
  const profile = deps.profile ?? createProfileSync(storage);
  /** Read mark not yet sent (offline, or before the first sync). */
  let readToSend = 0;
  let agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
  const sendTyping = throttle((draft: string) => {
    if (socket?.connected && ready) socket.emit('typing:set', { draft });
  }, TYPING_INTERVAL_MS);
  const flushRead = () => {
    if (readToSend && socket?.connected && ready && model.get().conversationId) {
      socket.emit('conversation:read', { order: readToSend });
      readToSend = 0;
    }
  };

  let socket: VisitorSocket | undefined;
  /** True once this connection has synced; the outbox is sent only after that. */
  let ready = false;
  let droppedToken = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryAttempt = 0;
  const { request, abortAll } = createAckRequests(ackTimeoutMs);

  const sync = (sock: VisitorSocket, afterOrder: number) =>
    request<ConversationHistory | null>((done) => sock.emit('conversation:sync', { afterOrder }, done));

  const sendItem = (sock: VisitorSocket, item: OutboxItem) =>
    request<Message>((done) => sock.emit('message:send', { clientId: item.clientId, text: item.text }, done));

  let syncing: Promise<void> | null = null;
  /** One history sync at a time: two interleaved ones could mix two conversations' pages. */
  function catchUp(sock: VisitorSocket, fromOrder?: number): void {
    const run = () => syncHistory(sock, fromOrder ?? model.lastOrder());
    // When idle it starts at once (same tick as the connect), else after the running one.
    const next = syncing ? syncing.then(run) : run();
    syncing = next;
    void next.then(() => {
      if (syncing === next) syncing = null;
    });
  }

  async function syncHistory(sock: VisitorSocket, fromOrder: number): Promise<void> {
    let afterOrder = fromOrder;
    for (let page = 0; page < MAX_SYNC_PAGES && sock === socket && sock.connected; page++) {
      const ack = await sync(sock, afterOrder);
      if (!ack.ok) {
        // Shed (a reconnect storm) or timed out: ask again later, or what was missed stays missing.
        const code = ack.error.code;
        if (code === 'unavailable' || code === 'rate_limited') setTimeout(() => catchUp(sock), (ack.error.retryAfterMs || 1000) * (1 + Math.random()));
        break;
      }
      const history = ack.data;
      if (!history) {
        // No conversation on the server for this visitor: the cache belonged to an older visitor.
        if (model.get().conversationId !== null || model.lastOrder() > 0) model.reset(null);
        break;
      }
      const known = model.get().conversationId;
      if (known !== null && known !== history.conversation.id) {
        model.reset(history.conversation.id);
        if (afterOrder !== 0) {
          afterOrder = 0;
          continue;
        }
      }
      model.merge(history.messages);
      const last = history.messages.at(-1);
      if (!history.hasMore || !last) break;
      afterOrder = last.order;
    }
    if (sock !== socket || !sock.connected) return;
    ready = true;
    flushRead();
    void pump();
  }

  let pumping = false;
  let pumpAgain = false;

  /** Sends outbox items one at a time, oldest first, so the server stores them in typing order. */
  async function pump(): Promise<void> {
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    try {
      do {
        pumpAgain = false;
        await drain();
      } while (pumpAgain);
    } finally {
      pumping = false;
    }
  }

  async function drain(): Promise<void> {
    for (;;) {
      const sock = socket;
      if (!sock || !sock.connected || !ready || retryTimer) return;
      const item = outbox.get().find((i) => i.status === 'sending');
      if (!item) return;
      const ack = await sendItem(sock, item);
      if (ack.ok) {
        retryAttempt = 0;
        outbox.remove(item.clientId);
        model.merge([ack.data]);
      } else if (isRetryable(ack.error.code)) {
        // Keep order: later messages wait behind this one. A dropped socket retries on reconnect.
        if (sock === socket && sock.connected) scheduleRetry(ack.error.retryAfterMs);
        return;
      } else {
        outbox.markFailed(item.clientId, ack.error.message);
      }
    }
  }

  /** Backoff, but never sooner than the server asked (`retryAfterMs` on rate_limited / unavailable). */
  function scheduleRetry(notBefore = 0): void {
    const delay = Math.max(notBefore, Math.min(retryBaseMs * 2 ** retryAttempt, 30_000));
    retryAttempt++;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void pump();
    }, delay);
  }

  function open(): VisitorSocket {
    const sock = createSocket(deps.serverOrigin + VISITOR_NAMESPACE, {
      autoConnect: false,
      auth: (cb) => {
        const token = storage.get('token');
        cb(token ? { siteKey, token } : { siteKey });
      },
    });
    sock.on('connect', () => {
      model.setConnection('online');
      catchUp(sock);
    });
    sock.on('session:ready', (session) => {
      if (typeof session?.token === 'string' && session.token) storage.set('token', session.token);
      // The visitor is known now: identity and attributes are settled per visitor id.
      if (typeof session?.visitorId === 'string' && sock === socket) profile.start(channel(sock), session.visitorId);
    });
    sock.on('message:new', (message) => {
      if (message?.author?.kind === 'agent') setAgentTyping(null);
      const held = model.lastOrder();
      model.merge([message]);
      // A hole in the orders means a push was lost: fetch what lies between.
      if (ready && held && message.order > held + 1) catchUp(sock, held);
    });
    // The server missed pushes (its Redis link was down): catch up, at a random moment so a crowd does not ask at once.
    sock.on('sync:needed', (hint) => setTimeout(() => catchUp(sock), Math.random() * Math.min(hint?.withinMs || 0, 3e4)));
    sock.on('typing:agent', (signal) => setAgentTyping(signal?.typing ? { agentId: String(signal.agentId), name: String(signal.name) } : null));
    sock.on('conversation:resolved', () => model.offerRating());
    sock.on('conversation:read-state', (state) => {
      if (state?.conversationId === model.get().conversationId && typeof state.agent === 'number') model.setAgentRead(state.agent);
    });
    sock.on('agents:presence', (presence) => model.setAgentsOnline(presence.online));
    sock.on('followup:offer', (offer) => model.offerFollowup(typeof offer?.email === 'string' ? offer.email : null));
    sock.on('disconnect', (reason) => {
      ready = false;
      profile.stop();
      abortAll();
      model.setConnection(reason === 'io client disconnect' ? 'idle' : 'offline');
    });
    sock.on('connect_error', (error) => {
      if (sock.active) {
        // Transport trouble: socket.io keeps retrying by itself.
        model.setConnection('offline');
      } else if (error.message === 'bad_request' && storage.get('token') && !droppedToken) {
        // A token the server cannot read: start over as a new visitor once.
        droppedToken = true;
        storage.remove('token');
        sock.connect();
      } else {
        // forbidden_origin / unknown_site: retrying will not help.
        model.setConnection('unavailable');
      }
    });
    return sock;
  }

  function setAgentTyping(typing: { agentId: string; name: string } | null): void {
    clearTimeout(agentTypingTimer);
    model.setAgentTyping(typing);
    if (typing) agentTypingTimer = setTimeout(() => model.setAgentTyping(null), AGENT_TYPING_TTL_MS);
  }

  const ask: Ask = (event, payload) => {
    const sock = socket;
    return sock?.connected
      ? request<unknown>((done) => (sock.emit as (e: AskEvent, p: unknown, d: (r: never) => void) => void)(event, payload, done))
      : Promise.resolve({ ok: false });
  };

  const channel = (sock: VisitorSocket): ProfileChannel => ({
    identify: (payload) => request((done) => sock.emit('visitor:identify', payload, done)),
    context: (payload) => request((done) => sock.emit('visitor:context', payload, done)),
    resync: () => catchUp(sock, 0),
  });

  function close(): void {
    sendTyping.cancel();
    clearTimeout(agentTypingTimer);
    clearTimeout(retryTimer);
    retryTimer = undefined;
    retryAttempt = 0;
    profile.stop();
    socket?.disconnect();
    socket = undefined;
  }

  function connect(): void {
    if (!socket) socket = open();
    if (!socket.connected && !socket.active) {
      model.setConnection('connecting');
      socket.connect();
    }
  }

  return {
    connect,
    send(text) {
      const trimmed = text.trim();
      if (!trimmed || trimmed.length > MESSAGE_TEXT_MAX) return;
      outbox.add(trimmed);
      storage.set('active', '1');
      connect();
      void pump();
    },
    retry(clientId) {
      outbox.retry(clientId);
      void pump();
    },
    typing: sendTyping,
    markRead(order) {
      if (order > readToSend) readToSend = order;
      flushRead();
    },
    identify: profile.identify,
    setAttributes: profile.setAttributes,
    ask,
    shutdown() {
      close();
      ready = false;
      droppedToken = false;
    },
    destroy: close,
  };
}
