/** The part of a node-redis client the watchdog uses. */
export interface WatchedClient {
  readonly isOpen: boolean;
  readonly isReady: boolean;
  ping(): Promise<unknown>;
  destroy(): void;
  connect(): Promise<unknown>;
}

export interface WatchdogOptions {
  /** How often the connection is probed. */
  everyMs: number;
  /** A probe unanswered for this long means the connection is stuck. */
  timeoutMs: number;
  /** Told before a stuck connection is dropped. */
  onStuck(err: Error): void;
}

/**
 * Keeps a command from waiting forever on a connection that stopped answering (a paused or wedged
 * Redis, a half-open socket, a queue that never drains after a reconnect): queue workers and shutdown
 * would stall for good. node-redis's own per-command timeout does not do this (it only covers a command
 * not yet written to the socket) and gives every command an `AbortSignal.timeout()` whose bookkeeping
 * and GC cost about 40% of Hilo's CPU per message at full load (`pnpm bench`, CPU µs/msg), so it is off.
 * Redis answers a connection's commands in order, so one answered PING proves nothing sent before it is
 * stuck. When a PING goes unanswered, the connection is dropped, which fails every pending command at
 * once, and opened again.
 *
 * Stops by itself once the client's owner closes it.
 */
export function watchConnection(client: WatchedClient, options: WatchdogOptions): void {
  const next = () => setTimeout(() => void check(), options.everyMs).unref();
  async function check(): Promise<void> {
    if (!client.isOpen) return;
    if (client.isReady && !(await answers())) {
      options.onStuck(new Error(`no answer to PING in ${options.timeoutMs} ms`));
      client.destroy();
      await client.connect().catch((err: unknown) => options.onStuck(err instanceof Error ? err : new Error(String(err))));
    }
    next();
  }
  function answers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), options.timeoutMs);
    });
    // A failed PING means the socket closed, and node-redis reconnects that by itself.
    const ping = client.ping().then(
      () => true,
      () => true,
    );
    return Promise.race([ping, late]).finally(() => clearTimeout(timer));
  }
  next();
}
