import type { Conversation, ConversationHistory, Message } from '@hilo/shared';
import { observable } from './observable';

export interface ConversationState {
  /** The selected conversation, or null when none is. */
  id: string | null;
  conversation: Conversation | null;
  /** Stored messages, sorted by order, each order at most once. */
  messages: Message[];
  loading: boolean;
  error: string | null;
}

const EMPTY: ConversationState = { id: null, conversation: null, messages: [], loading: false, error: null };

/**
 * Merges pages and live pushes: a message already held (same id or same order) is kept once, so a
 * replayed page after a reconnect and a `message:new` for the same message never show twice.
 */
export function mergeMessages(current: Message[], incoming: Message[]): Message[] {
  const ids = new Set(current.map((m) => m.id));
  const orders = new Set(current.map((m) => m.order));
  const fresh: Message[] = [];
  for (const message of incoming) {
    if (ids.has(message.id) || orders.has(message.order)) continue;
    ids.add(message.id);
    orders.add(message.order);
    fresh.push(message);
  }
  if (fresh.length === 0) return current;
  return [...current, ...fresh].sort((a, b) => a.order - b.order);
}

/** The conversation the agent has open: its header data and its full history. */
export function createConversationModel() {
  const state = observable<ConversationState>(EMPTY);
  const patch = (id: string, change: Partial<ConversationState>): void => {
    if (state.get().id === id) state.update((s) => ({ ...s, ...change }));
  };
  return {
    state,
    open(id: string, known: Conversation | null): void {
      state.set({ id, conversation: known, messages: [], loading: true, error: null });
    },
    close(): void {
      state.set(EMPTY);
    },
    /** Highest message order held; the next catch-up asks for everything after it. */
    highestOrder(): number {
      return state.get().messages.at(-1)?.order ?? 0;
    },
    applyHistory(id: string, history: ConversationHistory): void {
      patch(id, { conversation: history.conversation, messages: mergeMessages(state.get().messages, history.messages), error: null });
    },
    addMessages(id: string, messages: Message[]): void {
      patch(id, { messages: mergeMessages(state.get().messages, messages) });
    },
    /** A `message:updated` push (email delivery state): swap the held copy, keep its place. */
    replaceMessage(message: Message): void {
      const { id, messages } = state.get();
      if (id !== message.conversationId || !messages.some((m) => m.id === message.id)) return;
      patch(id, { messages: messages.map((m) => (m.id === message.id ? message : m)) });
    },
    setConversation(conversation: Conversation): void {
      patch(conversation.id, { conversation });
    },
    setLoading(id: string, loading: boolean): void {
      patch(id, { loading });
    },
    fail(id: string, error: string): void {
      patch(id, { loading: false, error });
    },
  };
}

export type ConversationModel = ReturnType<typeof createConversationModel>;
