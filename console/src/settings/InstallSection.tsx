import { useEffect, useMemo, useState } from 'preact/hooks';
import { useObservable } from '../use-observable';
import { createInstallModel, type InstallModel } from './install-model';
import './install.css';

interface Props {
  /** Tests pass one; the Settings view mounts this without props. */
  model?: InstallModel;
}

/** One origin per line; blank lines are dropped. */
const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button type="button" class="button-quiet button-small" aria-label={label} onClick={() => void navigator.clipboard?.writeText(text).then(() => setCopied(true), () => setCopied(false))}>
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

/** What a site owner needs to put the widget on their pages: the snippet, where it may run, and the identity secret. */
export function InstallSection({ model: given }: Props) {
  const model = useMemo(() => given ?? createInstallModel(), [given]);
  const state = useObservable(model.state);
  const [origins, setOrigins] = useState('');
  const [saved, setSaved] = useState(false);
  const [showSecret, setShowSecret] = useState(false);
  const install = state.install;

  useEffect(() => {
    void model.load();
  }, [model]);
  // The text area follows the server's list (normalised after a save).
  useEffect(() => setOrigins(install?.allowedOrigins.join('\n') ?? ''), [install]);

  return (
    <section class="settings-section install" aria-labelledby="settings-install">
      <h3 id="settings-install">Install</h3>
      {state.status === 'loading' && <p class="muted">Loading…</p>}
      {state.error && (
        <p class="pane-error" role="alert">
          {state.error}
        </p>
      )}
      {install && (
        <>
          <p class="muted">Paste this before &lt;/body&gt; on every page of your site.</p>
          <div class="install-row">
            <input readOnly aria-label="Embed snippet" value={install.snippet} onFocus={(e) => e.currentTarget.select()} />
            <CopyButton text={install.snippet} label="Copy the embed snippet" />
          </div>

          <form
            class="settings-form install-origins"
            aria-label="Allowed origins"
            onSubmit={(e) => {
              e.preventDefault();
              setSaved(false);
              void model.saveOrigins(linesOf(origins)).then(setSaved);
            }}
          >
            <label>
              Allowed origins
              <textarea
                rows={4}
                value={origins}
                spellcheck={false}
                placeholder="https://shop.example.com"
                onInput={(e) => {
                  setOrigins(e.currentTarget.value);
                  setSaved(false);
                }}
              />
            </label>
            <p class="muted">One per line, like https://shop.example.com. The widget opens only on pages from these origins.</p>
            <div class="install-actions">
              <button type="submit" class="button-primary" disabled={state.busy}>
                Save origins
              </button>
              {saved && <span role="status">Saved</span>}
            </div>
          </form>

          <h4>Identity verification</h4>
          <p class="muted">
            Your server signs a signed-in customer's email with this secret: <code>userHash = HMAC-SHA256(secret, email)</code>, in hex, passed to{' '}
            <code>Hilo('identify', &#123; email, userHash &#125;)</code>. Keep it on your server; never put it in a page.
          </p>
          <div class="install-row">
            {showSecret ? <input readOnly aria-label="Identity secret" value={install.identitySecret} onFocus={(e) => e.currentTarget.select()} /> : <input readOnly aria-label="Identity secret" type="password" value={install.identitySecret} />}
            <button type="button" class="button-quiet button-small" onClick={() => setShowSecret(!showSecret)}>
              {showSecret ? 'Hide' : 'Show'}
            </button>
            <CopyButton text={install.identitySecret} label="Copy the identity secret" />
          </div>
        </>
      )}
    </section>
  );
}
