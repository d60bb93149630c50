import type { InboxModel } from './inbox-model';
import { unreadCount } from './inbox-model';
import { InboxRow } from './InboxRow';
import { useNow } from './use-now';
import { useObservable } from './use-observable';

interface Props {
  inbox: InboxModel;
  onSelect: (id: string) => void;
}

export function Inbox({ inbox, onSelect }: Props) {
  const state = useObservable(inbox.state);
  const now = useNow();
  return (
    <nav class="inbox" aria-label="Inbox">
      <h2 class="pane-title">Open conversations</h2>
      {state.loaded && state.conversations.length === 0 && <p class="pane-empty">No open conversations</p>}
      <ul class="inbox-list">
        {state.conversations.map((conversation) => (
          <InboxRow
            key={conversation.id}
            conversation={conversation}
            selected={conversation.id === state.selectedId}
            unread={unreadCount(state, conversation)}
            now={now}
            onSelect={onSelect}
          />
        ))}
      </ul>
    </nav>
  );
}
