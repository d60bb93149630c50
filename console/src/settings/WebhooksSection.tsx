import { useEffect, useMemo, useState } from 'preact/hooks';
import { useObservable } from '../use-observable';
import { WebhooksDeliveries } from './WebhooksDeliveries';
import { WebhooksForm } from './WebhooksForm';
import { WebhooksRow } from './WebhooksRow';
import { createWebhooksModel, type WebhooksModel } from './webhooks-model';
import './webhooks.css';

interface Props {
  /** Tests pass one; the Settings view mounts this without props. */
  model?: WebhooksModel;
}

/** How often an open delivery history looks again while something is still being sent. */
const PENDING_REFRESH_MS = 2000;

/** Admins register URLs that receive signed event POSTs, and watch how deliveries went. */
export function WebhooksSection({ model: given }: Props) {
  const model = useMemo(() => given ?? createWebhooksModel(), [given]);
  const state = useObservable(model.state);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    void model.load();
  }, [model]);
  const pending = state.deliveries?.some((d) => d.status === 'pending') ?? false;
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => void model.refreshDeliveries(), PENDING_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [model, pending, state.deliveries]);
  useEffect(() => setCopied(false), [state.revealed]);

  const revealed = state.revealed;
  const revealedFor = revealed && state.webhooks.find((w) => w.id === revealed.webhookId);
  return (
    <section class="settings-section" aria-labelledby="settings-webhooks">
      <h3 id="settings-webhooks">Webhooks</h3>
      <p class="muted">
        Hilo POSTs signed JSON to these URLs when the chosen events happen, and retries failed deliveries for about 14 hours. Check the
        <code> Hilo-Signature </code>
        header with the webhook's secret (see the README).
      </p>
      {state.status === 'loading' && <p class="muted">Loading webhooks…</p>}
      {state.error && (
        <p class="pane-error" role="alert">
          {state.error}
        </p>
      )}
      {revealed && (
        <div class="wh-secret" role="status">
          <p>
            Signing secret for <strong>{revealedFor?.description || revealedFor?.url}</strong>. Copy it now: it is not shown again.
          </p>
          <div class="wh-secret-row">
            <input readOnly aria-label="Signing secret" value={revealed.secret} onFocus={(e) => e.currentTarget.select()} />
            <button
              type="button"
              class="button-primary button-small"
              onClick={() => void navigator.clipboard?.writeText(revealed.secret).then(() => setCopied(true), () => setCopied(false))}
            >
              {copied ? 'Copied' : 'Copy'}
            </button>
            <button type="button" class="button-quiet button-small" onClick={() => model.dismissSecret()}>
              Done
            </button>
          </div>
        </div>
      )}
      {state.status === 'ready' && state.webhooks.length === 0 && <p class="muted">No webhooks yet.</p>}
      {state.webhooks.length > 0 && (
        <ul class="wh-list" aria-label="Webhooks">
          {state.webhooks.map((webhook) => (
            <li key={webhook.id}>
              <WebhooksRow
                webhook={webhook}
                open={state.openId === webhook.id}
                busy={state.busy}
                onActive={(active) => void model.setActive(webhook.id, active)}
                onTest={() => void model.sendTest(webhook.id)}
                onToggleDeliveries={() => void model.showDeliveries(state.openId === webhook.id ? null : webhook.id)}
                onRotate={() => void model.rotateSecret(webhook.id)}
                onDelete={() => void model.remove(webhook.id)}
              />
              {state.openId === webhook.id && (
                <WebhooksDeliveries deliveries={state.deliveries} busy={state.busy} onRedeliver={(id) => void model.redeliver(id)} onRefresh={() => void model.refreshDeliveries()} />
              )}
            </li>
          ))}
        </ul>
      )}
      {state.status === 'ready' && <WebhooksForm events={state.events} busy={state.busy} onCreate={model.create} />}
    </section>
  );
}
