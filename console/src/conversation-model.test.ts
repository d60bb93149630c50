import { describe, expect, it } from 'vitest';
import { createConversationModel, mergeMessages } from './conversation-model';
import { conversation, message } from './testing/fixtures';

describe('mergeMessages', () => {
  it('keeps each id and each order once, sorted by order', () => {
    const held = [message('c1', 1), message('c1', 3)];
    const merged = mergeMessages(held, [message('c1', 2), message('c1', 3), message('c1', 2)]);
    expect(merged.map((m) => m.order)).toEqual([1, 2, 3]);
  });
  it('returns the same array when nothing is new, so nothing re-renders', () => {
    const held = [message('c1', 1)];
    expect(mergeMessages(held, [message('c1', 1)])).toBe(held);
  });
});

describe('conversation model', () => {
  it('ignores pages that arrive for a conversation no longer open', () => {
    const model = createConversationModel();
    model.open('c2', null);
    model.applyHistory('c1', { conversation: conversation('c1'), messages: [message('c1', 1)], hasMore: false });
    expect(model.state.get().messages).toEqual([]);
    expect(model.highestOrder()).toBe(0);
  });
});
