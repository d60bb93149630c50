import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import type { Strings } from '../locales/en';

interface PanelProps {
  open: boolean;
  strings: Strings;
  subtitle: string;
  onClose: () => void;
  children: ComponentChildren;
}

export function Panel({ open, strings, subtitle, onClose, children }: PanelProps) {
  // The contents are built on first open, not in the task that loads the app on the shop's page.
  const opened = useRef(false);
  opened.current ||= open;
  return (
    <div
      class={open ? 'panel open' : 'panel'}
      role="dialog"
      aria-labelledby="hilo-title"
      aria-hidden={open ? undefined : 'true'}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <header class="head">
        <div>
          <h2 id="hilo-title">{strings.title}</h2>
          <p>{subtitle}</p>
        </div>
        <button type="button" class="x" aria-label={strings.closeChat} onClick={onClose}>
          <svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" aria-hidden="true">
            <path d="M6 6l12 12M18 6L6 18" />
          </svg>
        </button>
      </header>
      {opened.current && children}
    </div>
  );
}
