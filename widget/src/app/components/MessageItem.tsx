import type { AgentProfile } from '@hilo/shared';
import type { TimelineEntry } from '../conversation-model';
import type { Strings } from '../locales/en';
import { AgentAvatar } from './AgentAvatar';
import { MessageText } from './MessageText';

interface MessageItemProps {
  entry: TimelineEntry;
  strings: Strings;
  time: Intl.DateTimeFormat;
  onRetry: (clientId: string) => void;
  /** Site settings' display names and avatars, by agent id. */
  agents?: AgentProfile[];
  /** Under the shopper's last message once an agent has read it. */
  seen?: boolean;
}

export function MessageItem({ entry, strings, time, onRetry, agents, seen }: MessageItemProps) {
  if (entry.authorKind === 'system') return <p class="sys">{entry.text}</p>;
  const mine = entry.authorKind === 'visitor';
  const profile = entry.authorKind === 'agent' ? agents?.find((agent) => agent.agentId === entry.authorId) : undefined;
  const name = profile?.displayName || entry.authorName || strings.agentFallback;
  return (
    <div class={`m ${mine ? 'me' : 'them'} ${entry.status}`}>
      {!mine && (
        <span class="who">
          <AgentAvatar name={name} url={profile?.avatarUrl ?? null} />
          {name}
        </span>
      )}
      <div class="b">
        <MessageText text={entry.text} />
      </div>
      <div class="meta">
        {entry.status === 'sending' && strings.sending}
        {entry.status === 'failed' && (
          <>
            {entry.error ? `${strings.notSent}: ${entry.error}` : strings.notSent}
            <button type="button" class="retry" onClick={() => onRetry(entry.clientId)}>
              {strings.retry}
            </button>
          </>
        )}
        {entry.status === 'sent' && <time dateTime={new Date(entry.createdAt).toISOString()}>{time.format(entry.createdAt)}</time>}
        {seen && ` · ${strings.seen}`}
      </div>
    </div>
  );
}
