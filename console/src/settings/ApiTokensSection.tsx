import type { ApiToken } from '@hilo/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useObservable } from '../use-observable';
import { createApiTokensModel, type ApiTokensModel } from './api-tokens-model';
import './api-tokens.css';

interface Props {
  /** Tests pass one; the Settings view mounts this without props. */
  model?: ApiTokensModel;
}

/** Same bound as the server's (`API_TOKEN_LIMITS.name`); the console imports no runtime from shared here. */
const NAME_MAX = 60;

const when = (ms: number | null): string => (ms === null ? 'never' : new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));

/** Admins create tokens for the site's own systems (the REST API), see when each was last used, and revoke them. */
export function ApiTokensSection({ model: given }: Props) {
  const model = useMemo(() => given ?? createApiTokensModel(), [given]);
  const state = useObservable(model.state);
  const [name, setName] = useState('');
  const [copied, setCopied] = useState(false);
  /** Revoking takes a second click: integrations using the token stop working at once. */
  const [confirming, setConfirming] = useState<string | null>(null);

  useEffect(() => {
    void model.load();
  }, [model]);
  useEffect(() => setCopied(false), [state.created]);

  const created = state.created;
  const revoke = (token: ApiToken) => {
    if (confirming !== token.id) return setConfirming(token.id);
    setConfirming(null);
    void model.revoke(token.id);
  };
  return (
    <section class="settings-section" aria-labelledby="settings-api-tokens">
      <h3 id="settings-api-tokens">API tokens</h3>
      <p class="muted">
        Your own systems use the REST API with one of these tokens (<code>Authorization: Bearer hilo_…</code>); each sees and changes only this site. The API is described in{' '}
        <a href="/api/v1/openapi.json" target="_blank" rel="noreferrer">
          openapi.json
        </a>
        .
      </p>
      {state.status === 'loading' && <p class="muted">Loading API tokens…</p>}
      {state.error && (
        <p class="pane-error" role="alert">
          {state.error}
        </p>
      )}
      {created && (
        <div class="api-token-created" role="status">
          <p>
            Token <strong>{created.token.name}</strong>. Copy it now: it is not shown again.
          </p>
          <div class="api-token-created-row">
            <input readOnly aria-label="New API token" value={created.secret} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" class="button-primary button-small" onClick={() => void navigator.clipboard?.writeText(created.secret).then(() => setCopied(true), () => setCopied(false))}>
              {copied ? 'Copied' : 'Copy'}
            </button>
            <button type="button" class="button-quiet button-small" onClick={() => model.dismissCreated()}>
              Done
            </button>
          </div>
        </div>
      )}
      {state.status === 'ready' && state.tokens.length === 0 && <p class="muted">No API tokens yet.</p>}
      {state.tokens.length > 0 && (
        <table class="settings-table" aria-label="API tokens">
          <thead>
            <tr>
              <th>Name</th>
              <th>Token</th>
              <th>Created</th>
              <th>Last used</th>
              <th>
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.tokens.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td>
                  {when(token.createdAt)} <span class="muted">by {token.createdBy.name}</span>
                </td>
                <td>{when(token.lastUsedAt)}</td>
                <td>
                  <button type="button" class={`button-quiet button-small${confirming === token.id ? ' api-token-danger' : ''}`} disabled={state.busy} onClick={() => revoke(token)}>
                    {confirming === token.id ? `Confirm: revoke ${token.name}` : 'Revoke'}
                  </button>
                  {confirming === token.id && (
                    <button type="button" class="button-quiet button-small" onClick={() => setConfirming(null)}>
                      Cancel
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {state.status === 'ready' && (
        <form
          class="settings-form api-token-form"
          aria-label="Create an API token"
          onSubmit={(e) => {
            e.preventDefault();
            void model.create(name.trim()).then((ok) => ok && setName(''));
          }}
        >
          <label>
            Token name
            <input value={name} maxLength={NAME_MAX} placeholder="CRM sync" onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          <button type="submit" class="button-primary" disabled={state.busy || !name.trim()}>
            Create token
          </button>
        </form>
      )}
    </section>
  );
}
