import type { AgentClientToServer, AgentServerToClient, Csat, ReadState } from '@hilo/shared';
import type { AgentConnection } from './agent-connection';
import type { Observable } from './observable';
import { observable } from './observable';

/** Typing and read receipts of the chat channel, per conversation. */
export interface ChatSignalsState {
  /** The shopper's live draft ('' or absent: not typing). */
  drafts: Record<string, string>;
  reads: Record<string, ReadState>;
  /** The customer's rating after the chat was resolved. */
  ratings: Record<string, Csat>;
}

type Link = Pick<AgentConnection, 'request' | 'onPush'>;

export interface ChatSignals {
  state: Observable<ChatSignalsState>;
  /** Attaches to the console's socket owner (once per signed-in workspace). */
  link(connection: Link): void;
  /** Read marks and rating of a conversation being opened. */
  loadReadState(conversationId: string): void;
  markRead(conversationId: string, order: number): void;
  setTyping(conversationId: string, typing: boolean): void;
}

// A draft with no refresh for this long is stale (the shopper closed the tab mid-sentence).
const DRAFT_TTL_MS = 15_000;

export function createChatSignals(): ChatSignals {
  const state = observable<ChatSignalsState>({ drafts: {}, reads: {}, ratings: {} });
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let connection: Link | null = null;
  const sent = new Map<string, number>();

  const setDraft = (conversationId: string, draft: string) => {
    clearTimeout(timers.get(conversationId));
    state.update((s) => ({ ...s, drafts: { ...s.drafts, [conversationId]: draft } }));
    if (draft) timers.set(conversationId, setTimeout(() => setDraft(conversationId, ''), DRAFT_TTL_MS));
  };
  const setRead = (read: ReadState) => state.update((s) => ({ ...s, reads: { ...s.reads, [read.conversationId]: read } }));
  const setRating = (csat: Csat) => state.update((s) => ({ ...s, ratings: { ...s.ratings, [csat.conversationId]: csat } }));
  const send = <E extends 'typing:set' | 'conversation:read'>(event: E, payload: Parameters<AgentClientToServer[E]>[0]) => {
    void connection?.request(event, payload as never);
  };

  return {
    state,
    link(next) {
      connection = next;
      const onTyping: AgentServerToClient['typing:visitor'] = ({ conversationId, draft }) => setDraft(conversationId, draft);
      next.onPush('typing:visitor', onTyping);
      next.onPush('conversation:read-state', setRead);
      next.onPush('conversation:rated', setRating);
    },
    loadReadState(conversationId) {
      void connection?.request('conversation:read-state', { conversationId }).then((answer) => {
        if (answer.ok) setRead(answer.data);
      });
      void connection?.request('conversation:csat', { conversationId }).then((answer) => {
        if (answer.ok && answer.data) setRating(answer.data);
      });
    },
    markRead(conversationId, order) {
      if (order <= (sent.get(conversationId) ?? 0)) return;
      sent.set(conversationId, order);
      send('conversation:read', { conversationId, order });
    },
    setTyping(conversationId, typing) {
      send('typing:set', { conversationId, typing });
    },
  };
}

/** The console's one instance; console-app.ts links it to each signed-in workspace's connection. */
export const chatSignals = createChatSignals();
