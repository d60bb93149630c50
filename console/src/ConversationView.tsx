import type { Ack, Agent, Message } from '@hilo/shared';
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { channelLabel, statusLabel, visitorLabel } from './conversation-labels';
import type { ConversationModel } from './conversation-model';
import { MessageBubble } from './MessageBubble';
import type { OutboxModel } from './outbox-model';
import { ReplyBox } from './ReplyBox';
import { useNow } from './use-now';
import { useObservable } from './use-observable';

interface Props {
  conversation: ConversationModel;
  outbox: OutboxModel;
  agent: Agent;
  onSend: (text: string) => Promise<Ack<Message>>;
  /** Extra header controls from the layout (the narrow-screen "Customer" toggle). */
  headerActions?: ComponentChildren;
}

export function ConversationView({ conversation, outbox, agent, onSend, headerActions }: Props) {
  const state = useObservable(conversation.state);
  const pendingAll = useObservable(outbox.items);
  const now = useNow(60_000);
  const log = useRef<HTMLDivElement>(null);
  const pending = pendingAll.filter((reply) => reply.conversationId === state.id);

  // Follow the newest message; keyed on the count so re-renders without new messages do not scroll.
  const count = state.messages.length + pending.length;
  useLayoutEffect(() => {
    const element = log.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [count, state.id]);

  if (!state.id) {
    return (
      <section class="conversation conversation-empty" aria-label="Conversation">
        <p class="pane-empty">Select a conversation from the inbox</p>
      </section>
    );
  }

  const header = state.conversation;
  return (
    <section class="conversation" aria-label="Conversation">
      <header class="conversation-header">
        <h2 class="conversation-title">
          {header ? visitorLabel(header) : 'Conversation'}
          {header?.subject && <span class="conversation-subject">{header.subject}</span>}
        </h2>
        {header && (
          <span class="conversation-tags">
            <span class="tag">{channelLabel(header.channel)}</span>
            <span class={`tag tag-${header.status}`}>{statusLabel(header.status)}</span>
          </span>
        )}
        {headerActions}
      </header>
      <div class="conversation-log" role="log" aria-label="Messages" ref={log}>
        <ol class="message-list">
        {state.messages.map((message) => (
          <MessageBubble key={message.id} author={message.author} text={message.text} createdAt={message.createdAt} now={now} email={message.email} delivery={message.delivery} />
        ))}
        {pending.map((reply) => (
          <MessageBubble key={reply.clientId} author={{ kind: 'agent', id: agent.id, name: agent.name }} text={reply.text} createdAt={reply.createdAt} now={now} pending />
        ))}
        </ol>
      </div>
      {state.loading && state.messages.length === 0 && <p class="pane-note">Loading conversation…</p>}
      {state.error && (
        <p class="pane-note pane-error" role="alert">
          {state.error}
        </p>
      )}
      <ReplyBox key={state.id} onSend={onSend} channel={header?.channel ?? 'chat'} />
    </section>
  );
}
