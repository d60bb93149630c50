import type { Conversation, Message } from '@hilo/shared';
import { observable } from './observable';

export interface InboxState {
  /** Open conversations, newest activity first. */
  conversations: Conversation[];
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

const byActivity = (a: Conversation, b: Conversation): number => b.updatedAt - a.updatedAt;

/** Messages that arrived since the agent last looked at the conversation. */
export function unreadCount(state: InboxState, conversation: Conversation): number {
  if (conversation.id === state.selectedId) return 0;
  return Math.max(0, conversation.lastOrder - (state.seen[conversation.id] ?? 0));
}

export function createInboxModel(storage: SeenStorage | null = null) {
  const state = observable<InboxState>({ conversations: [], selectedId: null, seen: storage?.load() ?? {}, loaded: false });

  const place = (list: Conversation[], conversation: Conversation): Conversation[] => {
    const rest = list.filter((c) => c.id !== conversation.id);
    return conversation.status === 'open' ? [conversation, ...rest].sort(byActivity) : rest;
  };

  return {
    state,
    replaceAll(conversations: Conversation[]): void {
      const open = conversations.filter((c) => c.status === 'open').sort(byActivity);
      state.update((s) => ({ ...s, conversations: open, loaded: true }));
    },
    /** A `conversation:updated` push: insert it, move it to its place, or drop it once not open. */
    upsert(conversation: Conversation): void {
      const held = state.get().conversations.find((c) => c.id === conversation.id);
      // Pushes from several server processes can overtake each other; never go back to an older message.
      if (held && held.lastOrder > conversation.lastOrder) return;
      state.update((s) => ({ ...s, conversations: place(s.conversations, conversation) }));
    },
    /** Keeps a row's preview current from `message:new` even before its `conversation:updated` lands. */
    noteMessage(message: Message): void {
      const held = state.get().conversations.find((c) => c.id === message.conversationId);
      if (!held || held.lastOrder >= message.order) return;
      const lastMessage = { text: message.text, authorKind: message.author.kind, createdAt: message.createdAt };
      const updated = { ...held, lastOrder: message.order, lastMessage, updatedAt: Math.max(held.updatedAt, message.createdAt) };
      state.update((s) => ({ ...s, conversations: place(s.conversations, updated) }));
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
