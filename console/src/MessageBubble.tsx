import type { MessageAuthor } from '@hilo/shared';
import { messageTime } from './relative-time';

interface Props {
  author: MessageAuthor;
  text: string;
  createdAt: number;
  now: number;
  /** Shown for replies the server has not acknowledged yet. */
  pending?: boolean;
}

const FALLBACK_NAMES: Record<MessageAuthor['kind'], string> = { visitor: 'Visitor', agent: 'Agent', bot: 'Bot', system: 'System' };

export function MessageBubble({ author, text, createdAt, now, pending = false }: Props) {
  const side = author.kind === 'visitor' ? 'from-visitor' : author.kind === 'agent' ? 'from-agent' : 'from-system';
  return (
    <li class={`message ${side}${pending ? ' is-pending' : ''}`}>
      {author.kind !== 'visitor' && <span class="message-author">{author.name ?? FALLBACK_NAMES[author.kind]}</span>}
      <p class="message-text">{text}</p>
      <span class="message-meta">
        {pending ? 'Sending…' : <time dateTime={new Date(createdAt).toISOString()}>{messageTime(createdAt, now)}</time>}
      </span>
    </li>
  );
}
