import type { AgentProfile } from '@hilo/shared';
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
  /** The site's greeting (or the locale's), shown first. */
  greeting?: string;
  agents?: AgentProfile[];
  /** Highest order an agent has read: "Seen" goes under the shopper's last message at or below it. */
  seenOrder?: number;
  typing?: { name: string } | null;
  /** Cards shown right after the entry with clientId `after` (at the end when it is not in the list). */
  asides?: ({ key: string; after: string | null; node: ComponentChildren } | null | false)[];
}

export function MessageList({ entries, strings, lang, onRetry, greeting, agents, seenOrder = 0, typing, asides = [] }: MessageListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const time = useMemo(() => new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' }), [lang]);
  const newest = entries.at(-1)?.key;
  const lastMine = entries.findLast((entry) => entry.authorKind === 'visitor');
  const seenKey = lastMine && lastMine.status === 'sent' && lastMine.order !== undefined && lastMine.order <= seenOrder ? lastMine.key : null;

  const rows = entries.map((entry) => (
    <MessageItem key={entry.key} entry={entry} strings={strings} time={time} onRetry={onRetry} agents={agents} seen={entry.key === seenKey} />
  ));
  for (const aside of asides) {
    if (!aside) continue;
    // Keyed, so it keeps its state (a half-typed email) when the entry before it changes key on its ack.
    const at = entries.findIndex((entry) => entry.clientId === aside.after) + 1 || rows.length;
    rows.splice(at, 0, <Fragment key={aside.key}>{aside.node}</Fragment>);
  }
  // Rows, not asides: a card that comes in later (its chunk loading) scrolls into view too.
  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [newest, rows.length, typing]);

  return (
    <div class="log" role="log" aria-live="polite" aria-label={strings.conversation} ref={ref}>
      <p class="hello">{greeting ?? strings.greeting}</p>
      {rows}
      {typing && <p class="sys typing">{strings.typing.replace('{name}', () => typing.name)}</p>}
    </div>
  );
}
