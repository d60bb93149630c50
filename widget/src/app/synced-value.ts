import type { SiteStorage } from './site-storage';

/**
 * A value the site sets at any time (identity, attributes) that must reach the server once per
 * visitor: kept in localStorage with the visitor id whose ack settled it, so a reload or a reconnect
 * sends it again only when it changed or its ack never came.
 */
export interface SyncedValue<T> {
  get(): T | null;
  /** Stores `value`; a different value is unsettled again. */
  set(value: T): void;
  /** The value when `visitorId` has not settled it yet, else null. */
  unsettled(visitorId: string): T | null;
  /** The server answered for `value` (accepted it, or refused it for good): do not send it again. */
  settle(value: T, visitorId: string): void;
}

interface Stored<T> {
  value: T;
  settledBy: string | null;
}

export function createSyncedValue<T>(storage: SiteStorage, name: string, clean: (value: unknown) => T | null): SyncedValue<T> {
  // Read on every call: another tab of the same site may have changed it.
  const read = (): Stored<T> | null => {
    const stored = storage.getJson(name) as Partial<Stored<T>> | null;
    const value = stored && typeof stored === 'object' ? clean(stored.value) : null;
    if (value === null || !stored) return null;
    return { value, settledBy: typeof stored.settledBy === 'string' ? stored.settledBy : null };
  };
  const same = (a: T, b: T) => JSON.stringify(a) === JSON.stringify(b);

  return {
    get: () => read()?.value ?? null,
    set(value) {
      const stored = read();
      if (stored && same(stored.value, value)) return;
      storage.setJson(name, { value, settledBy: null } satisfies Stored<T>);
    },
    unsettled(visitorId) {
      const stored = read();
      return stored && stored.settledBy !== visitorId ? stored.value : null;
    },
    settle(value, visitorId) {
      const stored = read();
      // A newer value set while this one was in flight stays unsettled.
      if (stored && same(stored.value, value)) storage.setJson(name, { value, settledBy: visitorId } satisfies Stored<T>);
    },
  };
}
