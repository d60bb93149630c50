import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { TimelineEntry } from '../conversation-model';
import type { Strings } from '../locales/en';
import { MessageItem } from './MessageItem';

interface MessageListProps {
  entries: TimelineEntry[];
  strings: Strings;
  lang: string;
  onRetry: (clientId: string) => void;
}

export function MessageList({ entries, strings, lang, onRetry }: MessageListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const time = useMemo(() => new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' }), [lang]);
  const newest = entries.at(-1)?.key;

  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [newest]);

  return (
    <div class="log" role="log" aria-live="polite" aria-label={strings.conversation} ref={ref}>
      <p class="hello">{strings.greeting}</p>
      {entries.map((entry) => (
        <MessageItem key={entry.key} entry={entry} strings={strings} time={time} onRetry={onRetry} />
      ))}
    </div>
  );
}
