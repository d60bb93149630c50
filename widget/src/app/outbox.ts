import { createClientId } from './client-id';
import type { SiteStorage } from './site-storage';
import { createStore } from './store';

/** A message the shopper typed that the server has not acknowledged yet. */
export interface OutboxItem {
  clientId: string;
  text: string;
  createdAt: number;
  status: 'sending' | 'failed';
  /** Why the server refused it (status 'failed'). */
  error?: string;
}

export interface Outbox {
  get(): OutboxItem[];
  subscribe(listener: (items: OutboxItem[]) => void): () => void;
  /** Saves the message (to localStorage) before anyone sends it. */
  add(text: string): OutboxItem;
  remove(clientId: string): void;
  markFailed(clientId: string, error: string): void;
  /** Puts a failed message back in line, with the same clientId. */
  retry(clientId: string): void;
  /** Re-reads storage (another tab changed it). */
  reload(): void;
}

const KEY = 'outbox';

function isOutboxItem(value: unknown): value is OutboxItem {
  const item = value as Partial<OutboxItem> | null;
  return (
    typeof item === 'object' && item !== null && typeof item.clientId === 'string' && typeof item.text === 'string' &&
    typeof item.createdAt === 'number' && (item.status === 'sending' || item.status === 'failed')
  );
}

export function createOutbox(storage: SiteStorage): Outbox {
  const read = (): OutboxItem[] => {
    const stored = storage.getJson(KEY);
    return Array.isArray(stored) ? stored.filter(isOutboxItem) : [];
  };
  const store = createStore<OutboxItem[]>(read());
  // Read-modify-write from storage each time, so two tabs do not drop each other's messages.
  const change = (fn: (items: OutboxItem[]) => OutboxItem[]) => {
    const next = fn(read());
    if (next.length) storage.setJson(KEY, next);
    else storage.remove(KEY);
    store.set(next);
  };
  const patch = (clientId: string, fields: Partial<OutboxItem>) =>
    change((items) => items.map((item) => (item.clientId === clientId ? { ...item, ...fields } : item)));

  return {
    get: store.get,
    subscribe: store.subscribe,
    add(text) {
      const item: OutboxItem = { clientId: createClientId(), text, createdAt: Date.now(), status: 'sending' };
      change((items) => [...items, item]);
      return item;
    },
    remove: (clientId) => change((items) => items.filter((item) => item.clientId !== clientId)),
    markFailed: (clientId, error) => patch(clientId, { status: 'failed', error }),
    retry: (clientId) => patch(clientId, { status: 'sending', error: undefined }),
    reload: () => store.set(read()),
  };
}
