import type { Delivery, EmailMeta, MessageAuthor } from '@hilo/shared';
import { AttachmentList } from './AttachmentList';
import { deliveryLabel } from './delivery-label';
import { messageTime } from './relative-time';

interface Props {
  author: MessageAuthor;
  text: string;
  createdAt: number;
  now: number;
  /** Shown for replies the server has not acknowledged yet. */
  pending?: boolean;
  email?: EmailMeta;
  /** Outbound email delivery; updated live by `message:updated`. */
  delivery?: Delivery;
}

const FALLBACK_NAMES: Record<MessageAuthor['kind'], string> = { visitor: 'Visitor', agent: 'Agent', bot: 'Bot', system: 'System' };

export function MessageBubble({ author, text, createdAt, now, pending = false, email, delivery }: Props) {
  const side = author.kind === 'visitor' ? 'from-visitor' : author.kind === 'agent' ? 'from-agent' : 'from-system';
  return (
    <li class={`message ${side}${pending ? ' is-pending' : ''}${email ? ' is-email' : ''}`}>
      {author.kind !== 'visitor' && <span class="message-author">{author.name ?? FALLBACK_NAMES[author.kind]}</span>}
      {email && (
        <span class="message-email">
          <span class="message-subject">{email.subject || '(no subject)'}</span>
          <span class="message-from">{email.direction === 'in' ? `From ${email.from}` : `To ${email.to.join(', ')}`}</span>
        </span>
      )}
      <p class="message-text">{text}</p>
      {email && <AttachmentList files={email.attachments} />}
      <span class="message-meta">
        {pending ? 'Sending…' : <time dateTime={new Date(createdAt).toISOString()}>{messageTime(createdAt, now)}</time>}
        {delivery && !pending && (
          <span class={`delivery delivery-${delivery.status}${delivery.error ? ' has-error' : ''}`}>
            {' · '}
            {deliveryLabel(delivery, now)}
          </span>
        )}
      </span>
    </li>
  );
}
