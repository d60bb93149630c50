import type { Webhook } from '@hilo/shared';
import { useState } from 'preact/hooks';
import { eventLabel } from './webhooks-labels';

interface Props {
  webhook: Webhook;
  open: boolean;
  busy: boolean;
  onActive(active: boolean): void;
  onTest(): void;
  onToggleDeliveries(): void;
  onRotate(): void;
  onDelete(): void;
}

/** One webhook: where it posts, what it listens to, and its actions. Rotate and delete ask twice. */
export function WebhooksRow({ webhook, open, busy, onActive, onTest, onToggleDeliveries, onRotate, onDelete }: Props) {
  const [confirming, setConfirming] = useState<'rotate' | 'delete' | null>(null);
  const name = webhook.description || webhook.url;
  return (
    <div class="wh-row">
      <div class="wh-head">
        <label class="checkbox wh-active">
          <input type="checkbox" checked={webhook.active} disabled={busy} aria-label={`Active: ${name}`} onChange={(e) => onActive(e.currentTarget.checked)} />
          <span class={webhook.active ? 'wh-on' : 'wh-off'}>{webhook.active ? 'Active' : 'Paused'}</span>
        </label>
        <code class="wh-url">{webhook.url}</code>
      </div>
      {webhook.description && <p class="wh-description">{webhook.description}</p>}
      <p class="muted">
        {webhook.events.map(eventLabel).join(' · ')} — secret ending in <code>{webhook.secretHint}</code>
      </p>
      <div class="wh-actions">
        <button type="button" class="button-quiet button-small" disabled={busy} onClick={onTest}>
          Send test event
        </button>
        <button type="button" class="button-quiet button-small" aria-expanded={open} onClick={onToggleDeliveries}>
          {open ? 'Hide deliveries' : 'Recent deliveries'}
        </button>
        {confirming === 'rotate' ? (
          <button type="button" class="button-quiet button-small wh-danger" disabled={busy} onClick={() => {
              setConfirming(null);
              onRotate();
            }}>
            Confirm: new secret (the old one stops working)
          </button>
        ) : (
          <button type="button" class="button-quiet button-small" onClick={() => setConfirming('rotate')}>
            Rotate secret
          </button>
        )}
        {confirming === 'delete' ? (
          <button type="button" class="button-quiet button-small wh-danger" disabled={busy} onClick={() => {
              setConfirming(null);
              onDelete();
            }}>
            Confirm: delete webhook
          </button>
        ) : (
          <button type="button" class="button-quiet button-small" onClick={() => setConfirming('delete')}>
            Delete
          </button>
        )}
        {confirming && (
          <button type="button" class="button-link" onClick={() => setConfirming(null)}>
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}
