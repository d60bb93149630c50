/** What the sharded adapter calls on its subscriber. */
const METHODS = ['sSubscribe', 'sUnsubscribe'];

/**
 * The Socket.IO Redis adapter subscribes and unsubscribes rooms without handling the promise, so one
 * that fails (the subscriber reconnecting, or dropped at shutdown while Redis is away) is an unhandled
 * rejection, and that ends a Node process. Each such promise gets a handler that reports the error.
 * The adapter still receives the original promise.
 */
export function guardSubscriptions<T extends object>(client: T, onError: (err: unknown) => void): T {
  const methods = client as unknown as Record<string, unknown>;
  for (const name of METHODS) {
    const original = methods[name];
    if (typeof original !== 'function') continue;
    methods[name] = (...args: unknown[]): unknown => {
      const result: unknown = Reflect.apply(original, client, args);
      if (result instanceof Promise) result.catch(onError);
      return result;
    };
  }
  return client;
}
