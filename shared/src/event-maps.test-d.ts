import { describe, expectTypeOf, it } from 'vitest';
import type { Ack, AckCallback, AgentClientToServer, AgentServerToClient, ConversationHistory, Message, VisitorClientToServer, VisitorServerToClient, Conversation } from './index.js';

type AckOf<F> = F extends (payload: never, ack: AckCallback<infer T>) => void ? T : never;

describe('visitor event map', () => {
  it('acknowledges a send with the stored message', () => {
    expectTypeOf<AckOf<VisitorClientToServer['message:send']>>().toEqualTypeOf<Message>();
  });
  it('syncs to a history or null before the first message', () => {
    expectTypeOf<AckOf<VisitorClientToServer['conversation:sync']>>().toEqualTypeOf<ConversationHistory | null>();
  });
  it('pushes messages to the widget', () => {
    expectTypeOf<Parameters<VisitorServerToClient['message:new']>>().toEqualTypeOf<[Message]>();
  });
  it('has no event a visitor could use to name another conversation', () => {
    expectTypeOf<Parameters<VisitorClientToServer['message:send']>[0]>().not.toHaveProperty('conversationId');
    expectTypeOf<Parameters<VisitorClientToServer['conversation:sync']>[0]>().not.toHaveProperty('conversationId');
  });
});

describe('agent event map', () => {
  it('names the conversation on every write', () => {
    expectTypeOf<Parameters<AgentClientToServer['message:send']>[0]>().toHaveProperty('conversationId');
    expectTypeOf<AckOf<AgentClientToServer['message:send']>>().toEqualTypeOf<Message>();
  });
  it('lists conversations and broadcasts their changes', () => {
    expectTypeOf<AckOf<AgentClientToServer['inbox:list']>>().toEqualTypeOf<Conversation[]>();
    expectTypeOf<Parameters<AgentServerToClient['conversation:updated']>>().toEqualTypeOf<[Conversation]>();
  });
});

describe('ack shape', () => {
  it('is a discriminated union on ok', () => {
    const ack = {} as Ack<number>;
    if (ack.ok) expectTypeOf(ack.data).toEqualTypeOf<number>();
    else expectTypeOf(ack.error.code).toEqualTypeOf<'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'unavailable' | 'internal'>();
  });
});
