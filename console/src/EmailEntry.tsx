import type { Message } from '@hilo/shared';
import { useState } from 'preact/hooks';
import { AttachmentList } from './AttachmentList';
import { deliveryLabel } from './delivery-label';

interface Props {
  message: Message;
  now: number;
}

const PREVIEW_LINES = 2;

/** One email in a timeline: direction, subject, the first lines (expandable), attachments, delivery. */
export function EmailEntry({ message, now }: Props) {
  const [expanded, setExpanded] = useState(false);
  const email = message.email;
  const lines = message.text.split('\n');
  const long = lines.length > PREVIEW_LINES;
  const shown = expanded || !long ? message.text : lines.slice(0, PREVIEW_LINES).join('\n');
  const outgoing = email?.direction === 'out';
  return (
    <div class="timeline-body">
      <p class="timeline-title">{outgoing ? 'Email sent' : 'Email received'}</p>
      {email && <p class="timeline-subject">{email.subject || '(no subject)'}</p>}
      {email && <p class="timeline-detail">{outgoing ? `To ${email.to.join(', ')}` : `From ${email.from}`}</p>}
      <p class="timeline-text">{shown}</p>
      {long && (
        <button type="button" class="button-link" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show less' : 'Show full email'}
        </button>
      )}
      {email && <AttachmentList files={email.attachments} />}
      {outgoing && message.delivery && (
        <p class={`delivery delivery-${message.delivery.status}${message.delivery.error ? ' has-error' : ''}`} role="status">
          {deliveryLabel(message.delivery, now)}
        </p>
      )}
    </div>
  );
}
