import type { Ack, ConversationHistory, ErrorCode, Message, VisitorClientToServer, VisitorServerToClient } from '@hilo/shared';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { ConversationModel } from './conversation-model';
import { VISITOR_NAMESPACE } from '@hilo/shared/constants';
import { MESSAGE_TEXT_MAX } from './limits';
import type { Outbox, OutboxItem } from './outbox';
import type { SiteStorage } from './site-storage';

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

export interface VisitorConnectionDeps {
  serverOrigin: string;
  siteKey: string;
  storage: SiteStorage;
  model: ConversationModel;
  outbox: Outbox;
  createSocket?: CreateSocket;
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
  destroy(): void;
}

// Worth retrying later; any other refusal (bad_request, forbidden…) will not change by retrying.
const RETRYABLE = new Set<ErrorCode>(['rate_limited', 'unavailable', 'internal']);
// Guards against a server that keeps answering hasMore.
const MAX_SYNC_PAGES = 100;

const defaultCreateSocket: CreateSocket = (url, options) => io(url, options);

export function createVisitorConnection(deps: VisitorConnectionDeps): VisitorConnection {
  const { storage, model, outbox, siteKey } = deps;
  const createSocket = deps.createSocket ?? defaultCreateSocket;
  const ackTimeoutMs = deps.ackTimeoutMs ?? 10_000;
  const retryBaseMs = deps.retryBaseMs ?? 1_000;

  let socket: VisitorSocket | undefined;
  /** True once this connection has synced; the outbox is sent only after that. */
  let ready = false;
  let droppedToken = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryAttempt = 0;
  /** Settles the requests in flight when the socket drops, so the pump is not stuck until timeout. */
  const inFlight = new Set<() => void>();

  function request<T>(start: (done: (ack: Ack<T>) => void) => void): Promise<Ack<T>> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (ack: Ack<T>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        inFlight.delete(abort);
        resolve(ack);
      };
      const abort = () => finish({ ok: false, error: { code: 'unavailable', message: 'disconnected' } });
      const timer = setTimeout(() => finish({ ok: false, error: { code: 'unavailable', message: 'timeout' } }), ackTimeoutMs);
      inFlight.add(abort);
      start(finish);
    });
  }

  const sync = (sock: VisitorSocket, afterOrder: number) =>
    request<ConversationHistory | null>((done) => sock.emit('conversation:sync', { afterOrder }, done));

  const sendItem = (sock: VisitorSocket, item: OutboxItem) =>
    request<Message>((done) => sock.emit('message:send', { clientId: item.clientId, text: item.text }, done));

  async function catchUp(sock: VisitorSocket): Promise<void> {
    let afterOrder = model.lastOrder();
    for (let page = 0; page < MAX_SYNC_PAGES && sock === socket && sock.connected; page++) {
      const ack = await sync(sock, afterOrder);
      if (!ack.ok) break;
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
      } else if (RETRYABLE.has(ack.error.code)) {
        // Keep order: later messages wait behind this one. A dropped socket retries on reconnect.
        if (sock === socket && sock.connected) scheduleRetry();
        return;
      } else {
        outbox.markFailed(item.clientId, ack.error.message);
      }
    }
  }

  function scheduleRetry(): void {
    const delay = Math.min(retryBaseMs * 2 ** retryAttempt, 30_000);
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
      void catchUp(sock);
    });
    sock.on('session:ready', (session) => {
      if (typeof session?.token === 'string' && session.token) storage.set('token', session.token);
    });
    sock.on('message:new', (message) => model.merge([message]));
    sock.on('agents:presence', (presence) => model.setAgentsOnline(presence.online));
    sock.on('disconnect', (reason) => {
      ready = false;
      inFlight.forEach((abort) => abort());
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
    destroy() {
      clearTimeout(retryTimer);
      socket?.disconnect();
      socket = undefined;
    },
  };
}
