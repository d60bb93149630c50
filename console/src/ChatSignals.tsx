import { useEffect, useRef } from 'preact/hooks';
import type { ChatSignals as ChatSignalsModel } from './chat-signals';
import { chatSignals } from './chat-signals';
import type { ConversationModel } from './conversation-model';
import { useObservable } from './use-observable';

interface Props {
  conversation: ConversationModel;
  signals?: ChatSignalsModel;
}

// Agent typing goes out at most this often while keys are pressed, and stops after this much quiet.
const TYPING_EVERY_MS = 1500;
const TYPING_IDLE_MS = 3000;

/**
 * The shopper's live draft and whether they have read the latest reply, under the messages of a chat.
 * It also reports this agent's typing (from the reply box's input events in the same pane) and marks
 * shown messages as read while the tab is visible.
 */
export function ChatSignals({ conversation, signals = chatSignals }: Props) {
  const state = useObservable(conversation.state);
  const { drafts, reads, ratings } = useObservable(signals.state);
  const anchor = useRef<HTMLDivElement>(null);
  const id = state.id;
  const chat = state.conversation?.channel === 'chat';
  const lastOrder = state.messages.at(-1)?.order ?? 0;

  useEffect(() => {
    if (id && chat) signals.loadReadState(id);
  }, [id, chat, signals]);

  useEffect(() => {
    if (!id || !lastOrder) return;
    const mark = () => {
      if (document.visibilityState === 'visible') signals.markRead(id, lastOrder);
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [id, lastOrder, signals]);

  useEffect(() => {
    const pane = anchor.current?.closest('.conversation');
    if (!id || !chat || !pane) return;
    let lastSent = 0;
    let idle: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      clearTimeout(idle);
      if (lastSent) signals.setTyping(id, false);
      lastSent = 0;
    };
    const onInput = (event: Event) => {
      const target = event.target as HTMLElement;
      if (target.tagName !== 'TEXTAREA' || target.closest('.reply-note')) return;
      if (!(target as HTMLTextAreaElement).value) return stop();
      if (Date.now() - lastSent > TYPING_EVERY_MS) {
        lastSent = Date.now();
        signals.setTyping(id, true);
      }
      clearTimeout(idle);
      idle = setTimeout(stop, TYPING_IDLE_MS);
    };
    pane.addEventListener('input', onInput);
    pane.addEventListener('submit', stop);
    return () => {
      pane.removeEventListener('input', onInput);
      pane.removeEventListener('submit', stop);
      stop();
    };
  }, [id, chat, signals]);

  const draft = id ? drafts[id] : '';
  const read = id ? reads[id] : undefined;
  const lastAgent = state.messages.findLast((m) => m.author.kind === 'agent');
  const seen = Boolean(read && lastAgent && read.visitor >= lastAgent.order);
  const csat = id ? ratings[id] : undefined;
  return (
    <div class="chat-signals" ref={anchor} aria-live="polite">
      {seen && <p class="pane-note chat-seen">Seen by the customer</p>}
      {csat && (
        <p class="pane-note chat-csat">
          Customer rating: {csat.rating === 'good' ? '👍 Good' : '👎 Bad'}
          {csat.comment && ` — “${csat.comment}”`}
        </p>
      )}
      {draft && (
        <p class="pane-note chat-draft">
          <span class="muted">Customer is typing: </span>
          {draft}
        </p>
      )}
    </div>
  );
}
