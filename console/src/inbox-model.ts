import type { Conversation, Message } from '@hilo/shared';
import type { InboxQuery } from './inbox-query';
import { DEFAULT_QUERY, compareFor, matchesQuery } from './inbox-query';
import { observable } from './observable';

export interface InboxState {
  /** The conversations of the current view, in its order. */
  conversations: Conversation[];
  query: InboxQuery;
  /** How many the view holds on the server (more than `conversations` while paged). */
  total: number;
  selectedId: string | null;
  /** Highest message order the agent has seen, per conversation. */
  seen: Record<string, number>;
  loaded: boolean;
}

/** Where the "seen up to" marks are kept between reloads (localStorage in the browser). */
export interface SeenStorage {
  load(): Record<string, number>;
  save(seen: Record<string, number>): void;
}

/** Messages that arrived since the agent last looked at the conversation. */
export function unreadCount(state: InboxState, conversation: Conversation): number {
  if (conversation.id === state.selectedId) return 0;
  return Math.max(0, conversation.lastOrder - (state.seen[conversation.id] ?? 0));
}

export function createInboxModel(storage: SeenStorage | null = null, agentId = '') {
  const state = observable<InboxState>({ conversations: [], query: DEFAULT_QUERY, total: 0, selectedId: null, seen: storage?.load() ?? {}, loaded: false });

  /** Puts a changed conversation where the view wants it, or drops it when it left the view. */
  const place = (list: Conversation[], conversation: Conversation): { list: Conversation[]; delta: number } => {
    const { query } = state.get();
    const rest = list.filter((c) => c.id !== conversation.id);
    const was = rest.length !== list.length ? 1 : 0;
    if (!matchesQuery(query, agentId, conversation)) return { list: rest, delta: -was };
    return { list: [conversation, ...rest].sort(compareFor(query)), delta: 1 - was };
  };
  const apply = (conversation: Conversation): void =>
    state.update((s) => {
      const { list, delta } = place(s.conversations, conversation);
      return { ...s, conversations: list, total: Math.max(list.length, s.total + delta) };
    });

  return {
    state,
    /** A fresh first page (or a refresh after reconnect); `total` defaults to what is given. */
    replaceAll(conversations: Conversation[], total?: number): void {
      const { query } = state.get();
      const shown = conversations.filter((c) => matchesQuery(query, agentId, c)).sort(compareFor(query));
      state.update((s) => ({ ...s, conversations: shown, total: total ?? shown.length, loaded: true }));
    },
    /** The next page of the current view. */
    appendPage(conversations: Conversation[], total: number): void {
      state.update((s) => {
        const held = new Set(s.conversations.map((c) => c.id));
        const merged = [...s.conversations, ...conversations.filter((c) => !held.has(c.id))];
        return { ...s, conversations: merged, total };
      });
    },
    /** Switches view: the list empties until the server answers for the new one. */
    setQuery(query: InboxQuery): void {
      state.update((s) => ({ ...s, query, conversations: [], total: 0, loaded: false }));
    },
    /** A `conversation:updated` push: insert it, move it to its place, or drop it once not open. */
    upsert(conversation: Conversation): void {
      const held = state.get().conversations.find((c) => c.id === conversation.id);
      // Pushes from several server processes can overtake each other; never go back to an older message.
      if (held && held.lastOrder > conversation.lastOrder) return;
      apply(conversation);
    },
    /** Keeps a row's preview current from `message:new` even before its `conversation:updated` lands. */
    noteMessage(message: Message): void {
      const held = state.get().conversations.find((c) => c.id === message.conversationId);
      if (!held || held.lastOrder >= message.order) return;
      const lastMessage = { text: message.text, authorKind: message.author.kind, createdAt: message.createdAt };
      const updated = { ...held, lastOrder: message.order, lastMessage, updatedAt: Math.max(held.updatedAt, message.createdAt) };
      apply(updated);
    },
    find(id: string): Conversation | null {
      return state.get().conversations.find((c) => c.id === id) ?? null;
    },
    select(id: string | null): void {
      state.update((s) => ({ ...s, selectedId: id }));
    },
    markSeen(id: string, order: number): void {
      if ((state.get().seen[id] ?? 0) >= order) return;
      state.update((s) => ({ ...s, seen: { ...s.seen, [id]: order } }));
      storage?.save(state.get().seen);
    },
  };
}

export type InboxModel = ReturnType<typeof createInboxModel>;

/** Seen marks per agent in localStorage; storage failures (private mode, quota) only cost the marks. */
export function localSeenStorage(agentId: string): SeenStorage {
  const key = `hilo.console.seen.${agentId}`;
  return {
    load() {
      try {
        const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '{}');
        return parsed && typeof parsed === 'object' ? (parsed as Record<string, number>) : {};
      } catch {
        return {};
      }
    },
    save(seen) {
      try {
        localStorage.setItem(key, JSON.stringify(seen));
      } catch {
        // Ignored on purpose: unread dots are a convenience, not data.
      }
    },
  };
}
