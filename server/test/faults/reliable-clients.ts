import type { Ack, ConversationHistory, Message } from '@hilo/shared';
import { io as connect, type Socket } from 'socket.io-client';
import { SHOP_ORIGIN, signIn, uuid } from '../harness.js';

/**
 * Clients that behave like the widget and the console under faults: an outbox that re-sends with the
 * same clientId until acknowledged, reconnection to whichever process answers (what a balancer does),
 * and a replay of everything after the last order seen on every reconnect.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

abstract class ReliableClient {
  socket: Socket | null = null;
  /** Every message this client has seen, live or replayed, by conversation and order. */
  readonly seen = new Map<string, Map<number, Message>>();
  /** clientId → stored message, for every send the server acknowledged. */
  readonly acked = new Map<string, Message>();
  /** Live `message:new` events received per message id: more than one would be a duplicate delivery. */
  readonly liveCount = new Map<string, number>();
  reconnects = 0;
  /** `sync:needed` hints from the server: its Pub/Sub link to Redis came back after a loss. */
  resyncHints = 0;
  /** Attempts that were refused or timed out and sent again (proof that a fault was hit). */
  retries = 0;
  private next = 0;
  private closed = false;
  private connecting: Promise<void> | null = null;

  constructor(protected urls: () => string[]) {}

  protected abstract open(url: string): Socket;
  protected abstract replay(socket: Socket): Promise<void>;

  record(message: Message): void {
    let byOrder = this.seen.get(message.conversationId);
    if (!byOrder) this.seen.set(message.conversationId, (byOrder = new Map()));
    byOrder.set(message.order, message);
  }

  lastOrder(conversationId: string): number {
    const byOrder = this.seen.get(conversationId);
    if (!byOrder) return 0;
    let order = 0;
    while (byOrder.has(order + 1)) order += 1;
    return order;
  }

  /** Connects to the next URL that accepts, retrying for up to `deadlineMs`. */
  ensureConnected(deadlineMs = 30_000): Promise<void> {
    if (this.socket?.connected) return Promise.resolve();
    this.connecting ??= this.connectLoop(Date.now() + deadlineMs).finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connectLoop(deadline: number): Promise<void> {
    while (!this.closed && Date.now() < deadline) {
      const urls = this.urls();
      const url = urls[this.next++ % urls.length] as string;
      const socket = this.open(url);
      const ok = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 3000);
        socket.once('connect_error', () => (clearTimeout(timer), resolve(false)));
        this.whenOpen(socket).then(() => (clearTimeout(timer), resolve(true)), () => resolve(false));
      });
      if (!ok) {
        socket.disconnect();
        await sleep(100);
        continue;
      }
      socket.on('message:new', (message: Message) => {
        this.liveCount.set(message.id, (this.liveCount.get(message.id) ?? 0) + 1);
        this.record(message);
      });
      socket.on('sync:needed', () => {
        this.resyncHints += 1;
        void this.replay(socket).catch(() => undefined);
      });
      socket.on('disconnect', () => {
        if (this.closed) return;
        this.reconnects += 1;
        void this.ensureConnected().catch(() => undefined);
      });
      this.socket = socket;
      try {
        await this.replay(socket);
      } catch {
        // The replay is retried on the next reconnect or by the final check.
      }
      return;
    }
    if (!this.closed) throw new Error('could not connect to any process');
  }

  protected whenOpen(socket: Socket): Promise<void> {
    return new Promise((resolve) => socket.once('connect', () => resolve()));
  }

  /** Sends until acknowledged, with one clientId for every attempt (at-most-once storage makes it safe). */
  async send(event: string, payload: Record<string, unknown>, deadlineMs = 30_000): Promise<Message> {
    const clientId = uuid();
    const deadline = Date.now() + deadlineMs;
    while (Date.now() < deadline) {
      try {
        await this.ensureConnected(deadline - Date.now());
        const answer = (await (this.socket as Socket).timeout(2000).emitWithAck(event, { ...payload, clientId })) as Ack<Message>;
        if (answer.ok) {
          this.acked.set(clientId, answer.data);
          this.record(answer.data);
          return answer.data;
        }
        if (!['unavailable', 'rate_limited'].includes(answer.error.code)) throw new Error(`refused: ${answer.error.code} ${answer.error.message}`);
        this.retries += 1;
        await sleep(answer.error.retryAfterMs ?? 200);
      } catch (err) {
        if (err instanceof Error && err.message.startsWith('refused')) throw err;
        this.retries += 1;
        await sleep(150);
      }
    }
    throw new Error(`message ${clientId} not acknowledged in ${deadlineMs} ms`);
  }

  close(): void {
    this.closed = true;
    this.socket?.disconnect();
  }
}

export class ReliableVisitor extends ReliableClient {
  token: string | undefined;
  conversationId: string | null = null;

  constructor(urls: () => string[], private siteKey: string) {
    super(urls);
  }

  protected open(url: string): Socket {
    return connect(`${url}/visitor`, {
      auth: { siteKey: this.siteKey, ...(this.token ? { token: this.token } : {}) },
      extraHeaders: { origin: SHOP_ORIGIN },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
  }

  protected override whenOpen(socket: Socket): Promise<void> {
    return new Promise((resolve) =>
      socket.once('session:ready', (session: { token: string }) => {
        this.token = session.token;
        resolve();
      }),
    );
  }

  protected async replay(socket: Socket): Promise<void> {
    for (;;) {
      const after = this.conversationId ? this.lastOrder(this.conversationId) : 0;
      const answer = (await socket.timeout(3000).emitWithAck('conversation:sync', { afterOrder: after })) as Ack<ConversationHistory | null>;
      if (!answer.ok || !answer.data) return;
      this.conversationId = answer.data.conversation.id;
      for (const message of answer.data.messages) this.record(message);
      if (!answer.data.hasMore) return;
    }
  }

  async say(text: string): Promise<Message> {
    const message = await this.send('message:send', { text });
    this.conversationId = message.conversationId;
    return message;
  }

  /** Pulls everything after the last contiguous order (what the widget does after a reconnect). */
  async catchUp(): Promise<void> {
    await this.ensureConnected();
    await this.replay(this.socket as Socket);
  }
}

export class ReliableAgent extends ReliableClient {
  /** Conversations this agent has open (replayed after every reconnect). */
  readonly watching = new Set<string>();

  private constructor(urls: () => string[], private cookie: string) {
    super(urls);
  }

  static async signIn(urls: () => string[]): Promise<ReliableAgent> {
    return new ReliableAgent(urls, await signIn(urls()[0] as string));
  }

  protected open(url: string): Socket {
    return connect(`${url}/agent`, { extraHeaders: { cookie: this.cookie }, transports: ['websocket'], reconnection: false, forceNew: true });
  }

  protected async replay(socket: Socket): Promise<void> {
    for (const conversationId of this.watching) {
      for (;;) {
        const answer = (await socket.timeout(3000).emitWithAck('conversation:open', { conversationId, afterOrder: this.lastOrder(conversationId) })) as Ack<ConversationHistory>;
        if (!answer.ok) return;
        for (const message of answer.data.messages) this.record(message);
        if (!answer.data.hasMore) break;
      }
    }
  }

  async watch(conversationId: string): Promise<void> {
    this.watching.add(conversationId);
    await this.ensureConnected();
    await this.replay(this.socket as Socket);
  }

  reply(conversationId: string, text: string): Promise<Message> {
    return this.send('message:send', { conversationId, text });
  }

  async catchUp(): Promise<void> {
    await this.ensureConnected();
    await this.replay(this.socket as Socket);
  }
}
