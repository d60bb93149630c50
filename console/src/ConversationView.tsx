import type { Ack, Agent, CannedResponse, ConversationNote, ConversationViewers, Message } from '@hilo/shared';
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { channelLabel, statusLabel, visitorLabel } from './conversation-labels';
import type { ConversationModel } from './conversation-model';
import { ChatSignals } from './ChatSignals';
import { MessageBubble } from './MessageBubble';
import { NoteComposer } from './NoteComposer';
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
  /** Workflow controls under the header (assign, transfer, resolve, labels). */
  toolbar?: ComponentChildren;
  /** Internal notes of this conversation, shown among the messages by time. */
  notes?: ConversationNote[];
  onAddNote?: (text: string) => Promise<Ack<ConversationNote>>;
  canned?: readonly CannedResponse[];
  onTyping?: () => void;
  /** Agents in this conversation right now (this agent is left out of the warning). */
  viewers?: ConversationViewers['viewers'];
}

/** "Bea is typing a reply" beats "Bea is also viewing"; both say who. */
function collisionText(others: ConversationViewers['viewers']): string | null {
  const typing = others.filter((v) => v.typing).map((v) => v.name);
  if (typing.length) return `${typing.join(', ')} ${typing.length > 1 ? 'are' : 'is'} typing in this conversation`;
  const names = others.map((v) => v.name);
  return names.length ? `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} also viewing this conversation` : null;
}

type LogItem = { at: number; message: Message } | { at: number; note: ConversationNote };

/** Messages and notes in one timeline; at equal times a message comes first. */
function interleave(messages: Message[], notes: ConversationNote[]): LogItem[] {
  const items: LogItem[] = [...messages.map((message) => ({ at: message.createdAt, message })), ...notes.map((note) => ({ at: note.createdAt, note }))];
  return items.sort((a, b) => a.at - b.at || ('message' in a ? -1 : 1));
}

export function ConversationView({ conversation, outbox, agent, onSend, headerActions, toolbar, notes = [], onAddNote, canned = [], onTyping, viewers = [] }: Props) {
  const state = useObservable(conversation.state);
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const pendingAll = useObservable(outbox.items);
  const now = useNow(60_000);
  const log = useRef<HTMLDivElement>(null);
  const pending = pendingAll.filter((reply) => reply.conversationId === state.id);

  // Follow the newest message; keyed on the count so re-renders without new messages do not scroll.
  const count = state.messages.length + pending.length + notes.length;
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
      {toolbar}
      {collisionText(viewers.filter((v) => v.id !== agent.id)) && (
        <p class="collision-warning" role="status">
          {collisionText(viewers.filter((v) => v.id !== agent.id))}
        </p>
      )}
      <div class="conversation-log" role="log" aria-label="Messages" ref={log}>
        <ol class="message-list">
        {interleave(state.messages, notes).map((item) =>
          'note' in item ? (
            <li key={item.note.id} class="message internal-note">
              <span class="message-author">Internal note · {item.note.author.name}</span>
              <p class="message-text">{item.note.text}</p>
              <span class="message-meta">
                <time dateTime={new Date(item.note.createdAt).toISOString()}>{new Date(item.note.createdAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}</time>
              </span>
            </li>
          ) : (
            <MessageBubble key={item.message.id} author={item.message.author} text={item.message.text} createdAt={item.message.createdAt} now={now} email={item.message.email} delivery={item.message.delivery} />
          ),
        )}
        {pending.map((reply) => (
          <MessageBubble key={reply.clientId} author={{ kind: 'agent', id: agent.id, name: agent.name }} text={reply.text} createdAt={reply.createdAt} now={now} pending />
        ))}
        </ol>
      </div>
      <ChatSignals conversation={conversation} />
      {state.loading && state.messages.length === 0 && <p class="pane-note">Loading conversation…</p>}
      {state.error && (
        <p class="pane-note pane-error" role="alert">
          {state.error}
        </p>
      )}
      {onAddNote && (
        <div class="composer-modes" role="group" aria-label="Composer mode">
          <button type="button" class="composer-mode" aria-pressed={mode === 'reply'} onClick={() => setMode('reply')}>
            Reply
          </button>
          <button type="button" class="composer-mode composer-mode-note" aria-pressed={mode === 'note'} onClick={() => setMode('note')}>
            Internal note
          </button>
        </div>
      )}
      {mode === 'note' && onAddNote ? <NoteComposer key={`note-${state.id}`} onAdd={onAddNote} /> : <ReplyBox key={state.id} onSend={onSend} channel={header?.channel ?? 'chat'} canned={canned} placeholders={{ name: header?.visitorName ?? null, agent: agent.name }} onTyping={onTyping} />}
    </section>
  );
}
