import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import type { Strings } from '../locales/en';

interface ComposerProps {
  strings: Strings;
  maxLength: number;
  onSend: (text: string) => void;
  inputRef?: Ref<HTMLTextAreaElement>;
}

const MAX_HEIGHT = 120;

export function Composer({ strings, maxLength, onSend, inputRef }: ComposerProps) {
  const [text, setText] = useState('');
  const canSend = text.trim().length > 0 && text.length <= maxLength;

  // Reads the field itself, not the last render's state: a keydown can land before the re-render.
  const submit = (textarea: HTMLTextAreaElement | null) => {
    const value = textarea ? textarea.value : text;
    if (!value.trim() || value.length > maxLength) return;
    onSend(value);
    setText('');
    if (textarea) {
      textarea.value = '';
      textarea.style.height = '';
    }
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit(event.currentTarget.querySelector('textarea'));
      }}
    >
      <textarea
        ref={inputRef}
        aria-label={strings.messageLabel}
        placeholder={strings.placeholder}
        rows={1}
        maxLength={maxLength}
        value={text}
        onInput={(event) => {
          const el = event.currentTarget;
          setText(el.value);
          // Grow with the text up to a few lines, then scroll.
          el.style.height = 'auto';
          el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT)}px`;
        }}
        onKeyDown={(event) => {
          // Enter sends; Shift+Enter is a newline; Enter while an IME is composing picks a candidate.
          if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            submit(event.currentTarget);
          }
        }}
      />
      <button type="submit" class="send" aria-label={strings.send} disabled={!canSend}>
        <svg viewBox="0 0 24 24" width="20" height="20" fill="currentColor" aria-hidden="true">
          <path d="M3.4 20.4l17.45-7.48a1 1 0 0 0 0-1.84L3.4 3.6a.99.99 0 0 0-1.39.91L2 9.12c0 .5.37.93.87.99L17 12 2.87 13.88c-.5.07-.87.5-.87 1l.01 4.61c0 .71.73 1.2 1.39.91z" />
        </svg>
      </button>
    </form>
  );
}
