import type { WebhookDelivery } from '@hilo/shared';
import { deliveryStatus, deliveryTime, eventLabel } from './webhooks-labels';

interface Props {
  deliveries: WebhookDelivery[] | null;
  busy: boolean;
  onRedeliver(deliveryId: string): void;
  onRefresh(): void;
}

/** A webhook's latest deliveries (newest first): outcome, HTTP code, attempts, next retry, error. */
export function WebhooksDeliveries({ deliveries, busy, onRedeliver, onRefresh }: Props) {
  if (!deliveries) return <p class="muted">Loading deliveries…</p>;
  return (
    <div class="wh-deliveries">
      <div class="form-bar">
        <span class="muted">{deliveries.length ? `Last ${deliveries.length} deliveries` : 'No deliveries yet.'}</span>
        <button type="button" class="button-quiet button-small" onClick={onRefresh}>
          Refresh
        </button>
      </div>
      {deliveries.length > 0 && (
        <table class="settings-table" aria-label="Recent deliveries">
          <thead>
            <tr>
              <th>Time</th>
              <th>Event</th>
              <th>Status</th>
              <th>HTTP</th>
              <th>Attempts</th>
              <th>Error</th>
              <th>
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id} class={`wh-${d.status}`}>
                <td title={d.id}>{deliveryTime(d.createdAt)}</td>
                <td>
                  {eventLabel(d.type)}
                  {d.redeliveryOf && <span class="muted"> (redelivery)</span>}
                </td>
                <td class="wh-status">{deliveryStatus(d)}</td>
                <td>{d.responseStatus ?? '—'}</td>
                <td>{d.attempt}</td>
                <td class="wh-error">{d.error ?? ''}</td>
                <td>
                  {d.status !== 'pending' && (
                    <button type="button" class="button-quiet button-small" disabled={busy} aria-label={`Redeliver ${eventLabel(d.type)} of ${deliveryTime(d.createdAt)}`} onClick={() => onRedeliver(d.id)}>
                      Redeliver
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
