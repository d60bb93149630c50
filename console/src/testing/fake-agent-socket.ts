import type { Ack, AckCallback, AgentClientToServer, AgentServerToClient } from '@hilo/shared';
import type { AgentSocket } from '../agent-connection';

type Payload<E extends keyof AgentClientToServer> = Parameters<AgentClientToServer[E]>[0];
type AckData<E extends keyof AgentClientToServer> = AgentClientToServer[E] extends (payload: never, ack: AckCallback<infer T>) => void ? T : never;
/** Answers a client event like the server would; `undefined` leaves the ack hanging (lost on the wire). */
type Handlers = { [E in keyof AgentClientToServer]?: (payload: Payload<E>) => Ack<AckData<E>> | undefined };

export interface Emitted {
  event: string;
  payload: unknown;
  ack: (response: unknown) => void;
}

/** A socket.io-client stand-in: the test plays the server by answering emits and firing events. */
export class FakeAgentSocket {
  connected = false;
  active = false;
  connectCalls = 0;
  disconnectCalls = 0;
  readonly emitted: Emitted[] = [];
  handlers: Handlers = {};
  private readonly listeners = new Map<string, ((...args: unknown[]) => void)[]>();

  on(event: string, listener: (...args: never[]) => void): this {
    const list = this.listeners.get(event) ?? [];
    list.push(listener as (...args: unknown[]) => void);
    this.listeners.set(event, list);
    return this;
  }

  emit(event: keyof AgentClientToServer, payload: unknown, ack: (response: unknown) => void): this {
    this.emitted.push({ event, payload, ack });
    const handler = this.handlers[event] as ((payload: unknown) => unknown) | undefined;
    const answer = handler?.(payload);
    // Acks arrive asynchronously on a real socket.
    if (answer !== undefined) queueMicrotask(() => ack(answer));
    return this;
  }

  connect(): this {
    this.connectCalls += 1;
    this.active = true;
    return this;
  }

  disconnect(): this {
    this.disconnectCalls += 1;
    this.connected = false;
    this.active = false;
    return this;
  }

  /** The handshake succeeded (first connect or a reconnect). */
  serverAccept(): void {
    this.connected = true;
    this.active = true;
    this.fire('connect');
  }

  /** The transport dropped; socket.io keeps trying by itself. */
  serverDrop(reason = 'transport close'): void {
    this.connected = false;
    this.fire('disconnect', reason);
  }

  /** A middleware refused the handshake. */
  serverRefuse(message: string): void {
    this.connected = false;
    this.active = false;
    this.fire('connect_error', new Error(message));
  }

  push(event: keyof AgentServerToClient, ...payload: unknown[]): void {
    this.fire(event, ...payload);
  }

  sent(event: keyof AgentClientToServer): Emitted[] {
    return this.emitted.filter((e) => e.event === event);
  }

  asSocket(): AgentSocket {
    return this as unknown as AgentSocket;
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

/** Lets queued acks and the promise chains behind them run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}
