import { useState } from 'preact/hooks';
import type { Attention } from './attention-service';
import { useObservable } from './use-observable';

/** Asks once, politely, and only on a click: browsers block prompts that come out of nowhere. */
export function AttentionBanner({ attention }: { attention: Attention }) {
  const permission = useObservable(attention.permission);
  const prefs = useObservable(attention.prefs);
  const [dismissed, setDismissed] = useState(false);
  if (permission !== 'default' || dismissed || !prefs.desktop) return null;
  return (
    <div class="attention-banner" role="region" aria-label="Notifications">
      <span>Get a desktop notification when a chat is assigned to you?</span>
      <button type="button" class="button-primary button-small" onClick={() => void attention.enable()}>
        Turn on
      </button>
      <button type="button" class="button-quiet button-small" onClick={() => setDismissed(true)}>
        Not now
      </button>
    </div>
  );
}

export function AttentionSettings({ attention }: { attention: Attention }) {
  const prefs = useObservable(attention.prefs);
  const permission = useObservable(attention.permission);
  return (
    <section class="settings-section" aria-labelledby="settings-attention">
      <h3 id="settings-attention">My notifications</h3>
      <label class="checkbox">
        <input type="checkbox" checked={prefs.desktop} onChange={(e) => attention.setPrefs({ ...prefs, desktop: e.currentTarget.checked })} /> Desktop notifications
        {permission === 'denied' && <span class="muted"> (blocked in this browser's site settings)</span>}
      </label>
      <label class="checkbox">
        <input type="checkbox" checked={prefs.sound} onChange={(e) => attention.setPrefs({ ...prefs, sound: e.currentTarget.checked })} /> Sound
      </label>
    </section>
  );
}
