import type { InboxModel } from './inbox-model';
import { unreadCount } from './inbox-model';
import { VIEW_TITLES } from './inbox-query';
import { InboxRow } from './InboxRow';
import { useNow } from './use-now';
import { useObservable } from './use-observable';

interface Props {
  inbox: InboxModel;
  onSelect: (id: string) => void;
  /** Next page of a long view (paged by 50, so 10,000 conversations stay fast). */
  onLoadMore?: () => void;
  /** Display name of an assignee, for the row's owner tag. */
  nameOf?: (agentId: string) => string | undefined;
}

export function Inbox({ inbox, onSelect, onLoadMore, nameOf }: Props) {
  const state = useObservable(inbox.state);
  const now = useNow();
  const title = state.query.view === 'label' ? `Label: ${state.query.label ?? ''}` : VIEW_TITLES[state.query.view];
  return (
    <nav class="inbox" aria-label="Inbox">
      <h2 class="pane-title">
        {state.query.view === 'all' ? 'Open conversations' : title}
      </h2>
      {state.loaded && state.conversations.length === 0 && <p class="pane-empty">No conversations here</p>}
      <ul class="inbox-list">
        {state.conversations.map((conversation) => (
          <InboxRow
            key={conversation.id}
            conversation={conversation}
            selected={conversation.id === state.selectedId}
            unread={unreadCount(state, conversation)}
            now={now}
            onSelect={onSelect}
            assignee={conversation.assigneeId ? nameOf?.(conversation.assigneeId) : undefined}
          />
        ))}
      </ul>
      {onLoadMore && state.total > state.conversations.length && (
        <button type="button" class="button-quiet inbox-more" onClick={onLoadMore}>
          Show more ({state.total - state.conversations.length} left)
        </button>
      )}
    </nav>
  );
}
