import type { WebhookCreate, WebhookEvent } from '@hilo/shared';
import { useState } from 'preact/hooks';
import { eventLabel } from './webhooks-labels';

interface Props {
  events: WebhookEvent[];
  busy: boolean;
  onCreate(input: WebhookCreate): Promise<boolean>;
}

/** Adds a webhook: where to POST and which events; the server checks the URL. */
export function WebhooksForm({ events, busy, onCreate }: Props) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [chosen, setChosen] = useState<WebhookEvent[]>([]);
  const toggle = (event: WebhookEvent, on: boolean) => setChosen((current) => (on ? [...current, event] : current.filter((e) => e !== event)));

  return (
    <form
      class="settings-form wh-form"
      aria-label="New webhook"
      onSubmit={(e) => {
        e.preventDefault();
        void onCreate({ url: url.trim(), events: events.filter((ev) => chosen.includes(ev)), description: description.trim() }).then((created) => {
          if (!created) return;
          setUrl('');
          setDescription('');
          setChosen([]);
        });
      }}
    >
      <label>
        Endpoint URL
        <input type="url" required maxLength={2048} placeholder="https://example.com/hilo-webhook" value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
      </label>
      <label>
        Description (optional)
        <input maxLength={200} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      </label>
      <fieldset>
        <legend>Events</legend>
        {events.map((event) => (
          <label key={event} class="checkbox">
            <input type="checkbox" checked={chosen.includes(event)} onChange={(e) => toggle(event, e.currentTarget.checked)} />
            {eventLabel(event)}
          </label>
        ))}
      </fieldset>
      <div class="form-bar">
        <span class="muted">The signing secret is shown once, right after adding.</span>
        <button type="submit" class="button-primary" disabled={busy || !url.trim() || chosen.length === 0}>
          Add webhook
        </button>
      </div>
    </form>
  );
}
