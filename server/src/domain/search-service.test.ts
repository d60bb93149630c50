import type { Conversation, Message } from '@hilo/shared';
import { describe, expect, it, vi } from 'vitest';
import { createSearchService, type SearchRepository } from './search-service.js';

const conversation = (id: string): Conversation => ({
  id, siteId: 's1', visitorId: 'v1', contactId: null, channel: 'chat', subject: null, status: 'open', assigneeId: null, createdAt: 0,
  updatedAt: 0, firstResponseAt: null, resolvedAt: null, lastOrder: 1, lastMessage: null, visitorName: `name ${id}`,
});
const message = (at: number) => ({ text: 'hello', createdAt: at }) as Message;

describe('search service indexing', () => {
  it('sends a conversation\'s customer part once per half minute, and past the cache size drops the longest unrefreshed first', async () => {
    const update = vi.fn<SearchRepository['update']>(async () => undefined);
    const service = createSearchService({
      search: { update, find: async () => [] },
      conversations: { get: async () => null },
      contacts: { get: async () => null, findByIdentity: async () => [] },
      headerCacheSize: 2,
    });
    const headersSent = () => update.mock.calls.filter((call) => call[2] !== null).map((call) => call[1]);
    await service.index(conversation('a'), message(1000));
    await service.index(conversation('b'), message(1001));
    await service.index(conversation('a'), message(1002));
    expect(headersSent()).toEqual(['a', 'b']);
    // Full: c replaces a, refreshed longest ago; a then replaces b; c stays.
    await service.index(conversation('c'), message(1003));
    await service.index(conversation('a'), message(1004));
    await service.index(conversation('c'), message(1005));
    expect(headersSent()).toEqual(['a', 'b', 'c', 'a']);
    // Half a minute on, the header is due again.
    await service.index(conversation('c'), message(31_003));
    expect(headersSent()).toEqual(['a', 'b', 'c', 'a', 'c']);
  });
});
