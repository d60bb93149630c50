// A stand-in for a socket.io-client Socket: records emits with their ack callbacks and lets a test
// play the server's side (connect, drop, push events).
import type { Message } from '@hilo/shared';
import { act } from 'preact/test-utils';
import type { SocketOptions, VisitorSocket } from '../visitor-connection';

type Listener = (...args: unknown[]) => void;

export interface Emitted {
  event: string;
  payload: unknown;
  ack: (response: unknown) => void;
}

export class FakeSocket {
  connected = false;
  active = false;
  connectCalls = 0;
  emitted: Emitted[] = [];
  private listeners = new Map<string, Listener[]>();

  constructor(
    readonly url: string,
    readonly options: SocketOptions,
  ) {}

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  emit(event: string, payload: unknown, ack: (response: unknown) => void): this {
    this.emitted.push({ event, payload, ack });
    return this;
  }

  connect(): this {
    this.connectCalls++;
    this.active = true;
    return this;
  }

  disconnect(): this {
    this.active = false;
    if (this.connected) {
      this.connected = false;
      this.fire('disconnect', 'io client disconnect');
    }
    return this;
  }

  /** The auth payload the real client would send on this (re)connect. */
  auth(): unknown {
    let data: unknown;
    this.options.auth((d) => (data = d));
    return data;
  }

  serverConnect(): void {
    this.connected = true;
    this.active = true;
    this.fire('connect');
  }

  serverDrop(): void {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }

  fire(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }

  /** Emits of one event not answered yet, oldest first. */
  take(event: string): Emitted[] {
    const taken = this.emitted.filter((e) => e.event === event);
    this.emitted = this.emitted.filter((e) => e.event !== event);
    return taken;
  }

  asSocket(): VisitorSocket {
    return this as unknown as VisitorSocket;
  }
}

export function message(order: number, fields: Partial<Message> = {}): Message {
  return {
    id: `m${order}`,
    conversationId: 'c1',
    order,
    clientId: `client-${order}`,
    author: { kind: 'agent', id: 'a1', name: 'Ana' },
    text: `message ${order}`,
    createdAt: 1_700_000_000_000 + order * 1000,
    ...fields,
  };
}

/** Lets pending promise callbacks (acks → model updates → next emit) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** The value, or a test failure saying what was missing (instead of a non-null assertion). */
export function must<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}`);
  return value;
}

/** Plays a server that accepts the connection: connected, no history yet, a fresh session. */
export async function acceptConnection(socket: FakeSocket): Promise<FakeSocket> {
  await act(async () => {
    socket.serverConnect();
    socket.take('conversation:sync')[0]?.ack({ ok: true, data: null });
    socket.fire('session:ready', { visitorId: 'v1', token: 'tok-1' });
    await settle();
  });
  return socket;
}
