/** A Socket.IO adapter as this module reads it: its random id is protected in the typings. */
interface ClusterAdapterLike {
  nsp: { name: string };
}

type Listener = (message: Buffer, channel: Buffer) => void;

export interface OwnPublishFilter<T> {
  /** The subscriber to give the adapter. */
  subscriber: T;
  /** Marks an adapter of this process (one per namespace) as one whose publishes are dropped unread. */
  own(adapter: ClusterAdapterLike): void;
  /** How many publishes were dropped so far (tests). */
  skipped(): number;
}

/**
 * The sharded adapter subscribes to every room this process has sockets in, so it hears each of its
 * own broadcasts back from Redis, and drops it only after decoding the whole JSON (an agents' push
 * carries the message and its conversation). Decoding what it then throws away cost about a fifth of
 * Hilo's CPU per message at full load (`pnpm bench`, CPU µs/msg).
 * The adapter writes its id and namespace last (`…,"uid":"<id>","nsp":"<nsp>"}`), and no other
 * process's publish can end with this process's random id, so a publish ending like that is dropped
 * here unread. Anything else (another process's broadcast, a binary-encoded one, a layout changed by a
 * library upgrade) reaches the adapter as before, which checks the id itself: a miss here costs speed,
 * never a message.
 */
export function skipOwnPublishes<T extends object>(client: T): OwnPublishFilter<T> {
  const tails: Buffer[] = [];
  let skipped = 0;
  const fromHere = (message: Buffer) => {
    // Compared in place: this runs for every publish the process hears.
    for (const tail of tails) {
      if (message.length > tail.length && tail.compare(message, message.length - tail.length) === 0) return true;
    }
    return false;
  };
  const methods = client as unknown as Record<string, unknown>;
  const subscribe = methods.sSubscribe;
  if (typeof subscribe === 'function') {
    methods.sSubscribe = (channels: unknown, listener: unknown, ...rest: unknown[]): unknown => {
      if (typeof listener !== 'function') return Reflect.apply(subscribe, client, [channels, listener, ...rest]);
      const filtered: Listener = (message, channel) => {
        if (Buffer.isBuffer(message) && fromHere(message)) {
          skipped += 1;
          return;
        }
        (listener as Listener)(message, channel);
      };
      return Reflect.apply(subscribe, client, [channels, filtered, ...rest]);
    };
  }
  return {
    subscriber: client,
    own(adapter) {
      const { uid } = adapter as ClusterAdapterLike & { uid?: unknown };
      if (typeof uid === 'string') tails.push(Buffer.from(`,"uid":${JSON.stringify(uid)},"nsp":${JSON.stringify(adapter.nsp.name)}}`));
    },
    skipped: () => skipped,
  };
}
