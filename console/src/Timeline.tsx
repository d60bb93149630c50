import type { Call, Message, Note, TimelineEntry } from '@hilo/shared';
import { ChannelBadge } from './ChannelBadge';
import { channelLabel } from './conversation-labels';
import { EmailEntry } from './EmailEntry';
import { messageTime } from './relative-time';
import { callDirectionLabel, callOutcomeLabel, formatDuration } from './timeline-labels';

interface Props {
  entries: TimelineEntry[];
  now: number;
  onOpenConversation: (conversationId: string) => void;
}

const RECENT_LINES = 2;

function entryKey(entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'conversation':
      return `conversation-${entry.conversation.id}`;
    case 'email':
      return `email-${entry.message.id}`;
    case 'call':
      return `call-${entry.call.id}`;
    case 'note':
      return `note-${entry.note.id}`;
    case 'merge':
      return `merge-${entry.merged.id}-${entry.at}`;
  }
}

function speaker(message: Message): string {
  if (message.author.kind === 'visitor') return 'Customer';
  return message.author.name ?? (message.author.kind === 'agent' ? 'Agent' : 'System');
}

function ConversationEntry({ entry, onOpen }: { entry: Extract<TimelineEntry, { kind: 'conversation' }>; onOpen: (id: string) => void }) {
  const { conversation, messageCount, recent } = entry;
  const title = conversation.subject || channelLabel(conversation.channel);
  return (
    <div class="timeline-body">
      <p class="timeline-title">{title}</p>
      <p class="timeline-detail">{messageCount === 1 ? '1 message' : `${messageCount} messages`}</p>
      {recent.length > 0 && (
        <ul class="timeline-lines">
          {recent.slice(-RECENT_LINES).map((message) => (
            <li key={message.id}>
              <span class="timeline-speaker">{speaker(message)}: </span>
              {message.text}
            </li>
          ))}
        </ul>
      )}
      <button type="button" class="button-quiet button-small" onClick={() => onOpen(conversation.id)}>
        Open conversation
      </button>
    </div>
  );
}

function CallEntry({ call }: { call: Call }) {
  return (
    <div class="timeline-body">
      <p class="timeline-title">{`${callDirectionLabel(call.direction)} call`}</p>
      <p class="timeline-detail">
        {call.number} · {formatDuration(call.durationSeconds)} · {callOutcomeLabel(call.outcome)}
      </p>
      {call.notes && <p class="timeline-text">{call.notes}</p>}
      {call.loggedBy.kind === 'agent' && <p class="timeline-detail">Logged by {call.loggedBy.name}</p>}
    </div>
  );
}

function NoteEntry({ note }: { note: Note }) {
  return (
    <div class="timeline-body">
      <p class="timeline-title">Note by {note.author.name}</p>
      <p class="timeline-text">{note.text}</p>
    </div>
  );
}

function EntryBody({ entry, now, onOpen }: { entry: TimelineEntry; now: number; onOpen: (id: string) => void }) {
  switch (entry.kind) {
    case 'conversation':
      return <ConversationEntry entry={entry} onOpen={onOpen} />;
    case 'email':
      return <EmailEntry message={entry.message} now={now} />;
    case 'call':
      return <CallEntry call={entry.call} />;
    case 'note':
      return <NoteEntry note={entry.note} />;
    case 'merge':
      return (
        <div class="timeline-body">
          <p class="timeline-title">Merged with {entry.merged.name ?? 'Unknown visitor'}</p>
        </div>
      );
  }
}

/** A customer's history across channels, newest first (the order is enforced here, not trusted). */
export function Timeline({ entries, now, onOpenConversation }: Props) {
  if (entries.length === 0) return <p class="pane-note">Nothing in this customer's history yet</p>;
  const sorted = [...entries].sort((a, b) => b.at - a.at);
  return (
    <ol class="timeline" aria-label="Timeline">
      {sorted.map((entry) => (
        <li key={entryKey(entry)} class={`timeline-entry timeline-${entry.kind}`}>
          <div class="timeline-meta">
            <ChannelBadge channel={entry.channel} />
            <time dateTime={new Date(entry.at).toISOString()}>{messageTime(entry.at, now)}</time>
          </div>
          <EntryBody entry={entry} now={now} onOpen={onOpenConversation} />
        </li>
      ))}
    </ol>
  );
}
