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
  /**
   * What is sent instead of PING: its answer is a reason to drop the connection, or null. A failed
   * probe counts as answered (the socket closed, and node-redis reconnects that by itself).
   */
  probe?: () => Promise<string | null>;
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
  const probe = options.probe ?? (() => client.ping().then(() => null));
  async function check(): Promise<void> {
    if (!client.isOpen) return;
    const drop = client.isReady ? await verdict() : null;
    if (drop) {
      options.onStuck(new Error(drop));
      client.destroy();
      await client.connect().catch((err: unknown) => options.onStuck(err instanceof Error ? err : new Error(String(err))));
    }
    next();
  }
  function verdict(): Promise<string | null> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`no answer to PING in ${options.timeoutMs} ms`), options.timeoutMs);
    });
    const answered = probe().catch(() => null);
    return Promise.race([answered, late]).finally(() => clearTimeout(timer));
  }
  next();
}
