import type { Message } from '@hilo/shared';
import { CACHED_MESSAGES } from './limits';
import type { OutboxItem } from './outbox';
import type { SiteStorage } from './site-storage';
import { createStore } from './store';

/** idle: no socket yet (most visitors); offline: lost the server, reconnecting; unavailable: refused. */
export type ConnectionState = 'idle' | 'connecting' | 'online' | 'offline' | 'unavailable';

export interface ConversationState {
  conversationId: string | null;
  /** Stored messages, ascending by order, one per order/id/clientId. */
  messages: Message[];
  /** Outbox items, shown after the stored messages until acknowledged. */
  pending: OutboxItem[];
  connection: ConnectionState;
  /** Agents online (from agents:presence); null until the server says. */
  agentsOnline: number | null;
  followup: Followup | null;
  /** Highest order an agent has read (0: none yet), for "Seen" under the shopper's messages. */
  agentReadOrder: number;
  /** An agent is typing a reply. */
  agentTyping: { agentId: string; name: string } | null;
  /** The chat was resolved: the rating (and transcript) card, shown after the entry `after`. */
  rating: RatingState | null;
}

export interface RatingState {
  after: string | null;
  status: 'ask' | 'sending' | 'done' | 'error';
  transcript: 'idle' | 'sending' | 'sent' | 'error';
}

/**
 * The offer to answer by email (no agent online), shown after the shopper's message `after` (a
 * clientId). With `email` and status 'done' it only confirms where the reply goes.
 */
export type Followup =
  | { after: string | null; status: 'ask' | 'sending' | 'error'; email: null }
  | { after: string | null; status: 'done'; email: string };

/** One row of the message list, stored or pending. */
export interface TimelineEntry {
  key: string;
  clientId: string;
  authorKind: Message['author']['kind'];
  /** Agent id for agent messages (looks up the display name and avatar in the site settings). */
  authorId?: string;
  authorName?: string;
  text: string;
  createdAt: number;
  /** Server order of stored messages. */
  order?: number;
  status: 'sent' | 'sending' | 'failed';
  error?: string;
}

export interface ConversationModel {
  get(): ConversationState;
  subscribe(listener: (state: ConversationState) => void): () => void;
  /** Highest order held (0 when none): what a sync asks to continue from. */
  lastOrder(): number;
  /** Adds messages from sync, `message:new` or acks; duplicates and redeliveries are merged. */
  merge(messages: Message[]): void;
  /** Forgets the held messages (another conversation, or none on the server). */
  reset(conversationId: string | null): void;
  setPending(items: OutboxItem[]): void;
  setConnection(connection: ConnectionState): void;
  setAgentsOnline(online: number): void;
  /** `followup:offer`: ask for an email (or confirm the known one) after the shopper's latest message. */
  offerFollowup(email: string | null): void;
  /** The shopper's answer to the offer: sending, refused, or stored for `email`. */
  setFollowupStatus(status: 'sending' | 'error'): void;
  followupDone(email: string): void;
  setAgentRead(order: number): void;
  setAgentTyping(typing: { agentId: string; name: string } | null): void;
  /** `conversation:resolved`: offer the rating after the newest entry (kept while one is shown). */
  offerRating(): void;
  setRating(change: Partial<Pick<RatingState, 'status' | 'transcript'>>): void;
}

const CACHE_KEY = 'history';

interface CachedHistory {
  conversationId: string | null;
  messages: Message[];
}

function isMessage(value: unknown): value is Message {
  const m = value as Partial<Message> | null;
  return (
    typeof m === 'object' && m !== null && typeof m.id === 'string' && typeof m.conversationId === 'string' &&
    typeof m.order === 'number' && typeof m.clientId === 'string' && typeof m.text === 'string' &&
    typeof m.createdAt === 'number' && typeof m.author === 'object' && m.author !== null
  );
}

function readCache(storage: SiteStorage): CachedHistory {
  const cached = storage.getJson(CACHE_KEY) as Partial<CachedHistory> | null;
  if (!cached || !Array.isArray(cached.messages)) return { conversationId: null, messages: [] };
  const messages = cached.messages.filter(isMessage);
  return { conversationId: typeof cached.conversationId === 'string' ? cached.conversationId : null, messages: mergeMessages([], messages) };
}

/** Merges by order; a message seen again (same id or clientId) replaces its older copy. */
export function mergeMessages(current: Message[], incoming: Message[]): Message[] {
  const byOrder = new Map<number, Message>();
  const orderById = new Map<string, number>();
  const orderByClientId = new Map<string, number>();
  const put = (message: Message) => {
    for (const order of [orderById.get(message.id), orderByClientId.get(message.clientId)]) {
      if (order !== undefined) byOrder.delete(order);
    }
    byOrder.set(message.order, message);
    orderById.set(message.id, message.order);
    orderByClientId.set(message.clientId, message.order);
  };
  current.forEach(put);
  incoming.forEach(put);
  return [...byOrder.values()].sort((a, b) => a.order - b.order);
}

/** Stored messages, then pending ones the server has not stored yet (by clientId). */
export function timeline(state: ConversationState): TimelineEntry[] {
  const stored = new Set(state.messages.map((m) => m.clientId));
  const entries: TimelineEntry[] = state.messages.map((m) => ({
    key: m.id,
    clientId: m.clientId,
    authorKind: m.author.kind,
    authorId: m.author.id,
    authorName: m.author.name,
    text: m.text,
    createdAt: m.createdAt,
    order: m.order,
    status: 'sent',
  }));
  for (const item of state.pending) {
    if (stored.has(item.clientId)) continue;
    entries.push({
      key: item.clientId,
      clientId: item.clientId,
      authorKind: 'visitor',
      text: item.text,
      createdAt: item.createdAt,
      status: item.status,
      error: item.error,
    });
  }
  return entries;
}

export function createConversationModel(storage: SiteStorage): ConversationModel {
  const cached = readCache(storage);
  const store = createStore<ConversationState>({ ...cached, pending: [], connection: 'idle', agentsOnline: null, followup: null, agentReadOrder: 0, agentTyping: null, rating: null });
  const update = (fields: Partial<ConversationState>) => store.set({ ...store.get(), ...fields });
  const setHistory = (conversationId: string | null, messages: Message[]) => {
    update({ conversationId, messages });
    if (messages.length) storage.setJson(CACHE_KEY, { conversationId, messages: messages.slice(-CACHED_MESSAGES) } satisfies CachedHistory);
    else storage.remove(CACHE_KEY);
  };

  return {
    get: store.get,
    subscribe: store.subscribe,
    lastOrder: () => store.get().messages.at(-1)?.order ?? 0,
    merge(incoming) {
      if (!incoming.length) return;
      let { conversationId, messages } = store.get();
      let batch: Message[] = [];
      for (const message of incoming) {
        // Orders only mean something within one conversation: a new one starts a fresh list.
        if (conversationId !== null && message.conversationId !== conversationId) {
          messages = [];
          batch = [];
        }
        conversationId = message.conversationId;
        batch.push(message);
      }
      setHistory(conversationId, mergeMessages(messages, batch));
    },
    reset(conversationId) {
      update({ followup: null, agentReadOrder: 0, agentTyping: null, rating: null });
      setHistory(conversationId, []);
    },
    setPending: (pending) => update({ pending }),
    setConnection: (connection) => {
      if (store.get().connection !== connection) update({ connection });
    },
    setAgentsOnline: (agentsOnline) => update({ agentsOnline }),
    offerFollowup(email) {
      const after = timeline(store.get()).findLast((entry) => entry.authorKind === 'visitor')?.clientId ?? null;
      const previous = store.get().followup;
      // An address the shopper gave in this page still stands when the server has not linked it yet.
      const known = email ?? (previous?.status === 'done' ? previous.email : null);
      update({ followup: known ? { after, status: 'done', email: known } : { after, status: 'ask', email: null } });
    },
    setFollowupStatus(status) {
      const followup = store.get().followup;
      if (followup) update({ followup: { after: followup.after, status, email: null } });
    },
    setAgentRead(order) {
      if (order > store.get().agentReadOrder) update({ agentReadOrder: order });
    },
    setAgentTyping: (agentTyping) => update({ agentTyping }),
    offerRating() {
      if (store.get().rating?.status === 'ask') return;
      update({ rating: { after: timeline(store.get()).at(-1)?.clientId ?? null, status: 'ask', transcript: 'idle' } });
    },
    setRating(change) {
      const rating = store.get().rating;
      if (rating) update({ rating: { ...rating, ...change } });
    },
    followupDone(email) {
      const followup = store.get().followup;
      if (followup) update({ followup: { after: followup.after, status: 'done', email } });
    },
  };
}
