import type { TimelineEntry } from '../conversation-model';
import type { Strings } from '../locales/en';

interface MessageItemProps {
  entry: TimelineEntry;
  strings: Strings;
  time: Intl.DateTimeFormat;
  onRetry: (clientId: string) => void;
}

export function MessageItem({ entry, strings, time, onRetry }: MessageItemProps) {
  if (entry.authorKind === 'system') return <p class="sys">{entry.text}</p>;
  const mine = entry.authorKind === 'visitor';
  return (
    <div class={`m ${mine ? 'me' : 'them'} ${entry.status}`}>
      {!mine && <span class="who">{entry.authorName || strings.agentFallback}</span>}
      <div class="b">{entry.text}</div>
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
      </div>
    </div>
  );
}
