import type { ComponentChildren } from 'preact';
import { Fragment } from 'preact';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { TimelineEntry } from '../conversation-model';
import type { Strings } from '../locales/en';
import { MessageItem } from './MessageItem';

interface MessageListProps {
  entries: TimelineEntry[];
  strings: Strings;
  lang: string;
  onRetry: (clientId: string) => void;
  /** Shown right after the entry with clientId `after` (at the end when it is not in the list). */
  aside?: { after: string | null; node: ComponentChildren } | null;
}

export function MessageList({ entries, strings, lang, onRetry, aside }: MessageListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const time = useMemo(() => new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' }), [lang]);
  const newest = entries.at(-1)?.key;

  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [newest, aside?.after]);

  const rows = entries.map((entry) => <MessageItem key={entry.key} entry={entry} strings={strings} time={time} onRetry={onRetry} />);
  if (aside) {
    // Keyed, so it keeps its state (a half-typed email) when the entry before it changes key on its ack.
    const at = entries.findIndex((entry) => entry.clientId === aside.after) + 1 || rows.length;
    rows.splice(at, 0, <Fragment key="aside">{aside.node}</Fragment>);
  }

  return (
    <div class="log" role="log" aria-live="polite" aria-label={strings.conversation} ref={ref}>
      <p class="hello">{strings.greeting}</p>
      {rows}
    </div>
  );
}
