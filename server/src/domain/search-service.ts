import type { Agent, Conversation, Message, SearchResults } from '@hilo/shared';
import type { ContactRepository, ConversationRepository } from './ports.js';

export interface SearchRepository {
  /** `header` replaces the customer part (null keeps it); `text` is added to the message part. */
  update(siteId: string, conversationId: string, header: string | null, text: string): Promise<void>;
  find(siteId: string, needle: string, limit: number): Promise<string[]>;
}

export interface SearchServiceDeps {
  search: SearchRepository;
  conversations: Pick<ConversationRepository, 'get'>;
  contacts: Pick<ContactRepository, 'get' | 'findByIdentity'>;
  /** Conversations whose customer part is known to be fresh (tests make it small). */
  headerCacheSize?: number;
}

export type SearchService = ReturnType<typeof createSearchService>;

const LIMIT = 50;
const HEADER_TTL_MS = 30_000;
const HEADER_CACHE_SIZE = 50_000;
const digits = (value: string) => value.replace(/\D/g, '');

/**
 * Search by customer name, email, phone and message text. Each conversation keeps one lower-case
 * text (customer header + its recent messages) that a Lua scan reads inside Redis; fine for tens of
 * thousands of conversations, a search engine is the step after that.
 */
export function createSearchService({ search, conversations, contacts, headerCacheSize = HEADER_CACHE_SIZE }: SearchServiceDeps) {
  async function header(c: Conversation): Promise<string> {
    const contact = c.contactId ? await contacts.get(c.contactId) : null;
    const emails = contact?.emails.map((e) => e.value) ?? [];
    const phones = contact?.phones.flatMap((p) => [p.value, digits(p.value)]) ?? [];
    return [c.visitorName ?? contact?.name ?? '', c.subject ?? '', ...emails, ...phones].join(' ');
  }

  // The customer part changes rarely (identify, rename, merge) while messages arrive often: re-read the
  // contact for a conversation at most every HEADER_TTL_MS instead of on every message.
  const freshHeaders = new Map<string, number>();
  function headerDue(c: Conversation, at: number): boolean {
    const last = freshHeaders.get(c.id);
    if (last !== undefined && at - last < HEADER_TTL_MS) return false;
    // Re-inserted at the end, so the first entry is always the longest unrefreshed one: the one to drop
    // when full. (Clearing the whole map instead made every active conversation re-read its contact at
    // once, over and over, on a site with more active chats than the cache holds.)
    freshHeaders.delete(c.id);
    if (freshHeaders.size >= headerCacheSize) freshHeaders.delete(freshHeaders.keys().next().value as string);
    freshHeaders.set(c.id, at);
    return true;
  }

  return {
    async index(conversation: Conversation, message: Message): Promise<void> {
      // The first message a process indexes for a conversation always writes the customer part, so every
      // indexed conversation has one (a search lists conversations by it).
      const due = headerDue(conversation, message.createdAt);
      await search.update(conversation.siteId, conversation.id, due ? await header(conversation) : null, message.text);
    },

    async search(agent: Agent, query: string): Promise<SearchResults> {
      const needle = query.toLowerCase();
      const ids = new Set(await search.find(agent.siteId, needle, LIMIT));
      // A phone typed with spaces or dashes still finds the digits we indexed.
      if (digits(query).length >= 6 && digits(query) !== needle) for (const id of await search.find(agent.siteId, digits(query), LIMIT)) ids.add(id);
      const found = (await Promise.all([...ids].map((id) => conversations.get(id)))).filter((c): c is Conversation => c !== null && c.siteId === agent.siteId);
      found.sort((a, b) => b.updatedAt - a.updatedAt);
      const contactIds = new Set(found.map((c) => c.contactId).filter((id): id is string => Boolean(id)));
      if (needle.includes('@')) for (const id of await contacts.findByIdentity(agent.siteId, 'email', needle)) contactIds.add(id);
      const people = (await Promise.all([...contactIds].slice(0, 20).map((id) => contacts.get(id)))).filter((c) => c !== null && c.siteId === agent.siteId && !c.mergedInto);
      return {
        conversations: found,
        contacts: people.map((c) => ({ id: c?.id ?? '', name: c?.name ?? null, emails: c?.emails.map((e) => e.value) ?? [], phones: c?.phones.map((p) => p.value) ?? [] })),
      };
    },
  };
}
