import type { Conversation } from '@hilo/shared';
import { WORKFLOW } from '@hilo/shared/constants';
import { ChannelBadge } from './ChannelBadge';
import { visitorLabel } from './conversation-labels';
import { relativeTime } from './relative-time';

interface Props {
  conversation: Conversation;
  selected: boolean;
  unread: number;
  now: number;
  onSelect: (id: string) => void;
  /** Name of the agent holding it, when assigned. */
  assignee?: string;
}

export function InboxRow({ conversation, selected, unread, now, onSelect, assignee }: Props) {
  const preview = conversation.lastMessage;
  const waiting = conversation.status === 'open' && conversation.waitingSince ? now - conversation.waitingSince : 0;
  return (
    <li>
      <button type="button" class="inbox-row" aria-current={selected ? 'true' : undefined} onClick={() => onSelect(conversation.id)}>
        <span class="inbox-row-top">
          <ChannelBadge channel={conversation.channel} />
          <span class="inbox-name">{visitorLabel(conversation)}</span>
          <time class="inbox-time" dateTime={new Date(conversation.updatedAt).toISOString()}>
            {relativeTime(conversation.updatedAt, now)}
          </time>
        </span>
        {conversation.channel === 'email' && <span class="inbox-subject">{conversation.subject || '(no subject)'}</span>}
        {(assignee || (conversation.labels ?? []).length > 0) && (
          <span class="inbox-tags">
            {assignee && <span class="inbox-owner">{assignee}</span>}
            {(conversation.labels ?? []).map((label) => (
              <span key={label} class="label-chip">
                {label}
              </span>
            ))}
          </span>
        )}
        <span class="inbox-row-bottom">
          <span class="inbox-preview">
            {preview ? `${preview.authorKind === 'agent' ? 'Agent: ' : ''}${preview.text}` : 'No messages yet'}
          </span>
          {waiting > WORKFLOW.waitingFlagMs && (
            <span class="inbox-waiting" title="The customer is waiting for an answer">
              Waiting {relativeTime(conversation.waitingSince ?? now, now)}
            </span>
          )}
          {unread > 0 && (
            <span class="inbox-unread">
              {unread > 99 ? '99+' : unread}
              <span class="sr-only"> unread</span>
            </span>
          )}
        </span>
      </button>
    </li>
  );
}
