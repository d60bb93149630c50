import { SHORTCUTS } from './shortcuts';

export function ShortcutsOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onClick={onClose}>
      <div class="overlay-card" onClick={(e) => e.stopPropagation()}>
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <dl class="shortcut-list">
          {SHORTCUTS.map((s) => (
            <div key={s.key} class="shortcut-row">
              <dt>
                <kbd>{s.key}</kbd>
              </dt>
              <dd>{s.label}</dd>
            </div>
          ))}
        </dl>
        <button type="button" class="button-primary" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
