import type { Conversation } from '@hilo/shared';

/** A conversation as it was at `rev`. Never changed once made: a newer state is a new entry. */
export interface CachedConversation {
  rev: number;
  conversation: Conversation;
}

/**
 * The last state of each conversation this process saw, stamped with the hash's `rev`. Every writer
 * of a conversation hash bumps `rev` in the same atomic step as its write, so an entry is exact for
 * its rev: when the append script finds the rev unchanged it answers with the few fields it wrote,
 * not the whole hash (Redis reads and encodes about 20 fields less per message, the server parses
 * them less). An entry made stale by another process or another writer is only ever a miss.
 */
export interface ConversationCache {
  get(id: string): CachedConversation | undefined;
  set(id: string, rev: number, conversation: Conversation): void;
  clear(): void;
}

export function createConversationCache(limit: number): ConversationCache {
  // Insertion order is recency: every append re-sets its entry, so the first key is the stalest.
  const entries = new Map<string, CachedConversation>();
  return {
    get: (id) => entries.get(id),
    set(id, rev, conversation) {
      entries.delete(id);
      entries.set(id, { rev, conversation });
      if (entries.size > limit) entries.delete(entries.keys().next().value ?? '');
    },
    clear: () => entries.clear(),
  };
}
