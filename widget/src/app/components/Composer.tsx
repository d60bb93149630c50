import type { Ref } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Strings } from '../locales/en';

interface ComposerProps {
  strings: Strings;
  maxLength: number;
  onSend: (text: string) => void;
  /** Every change of the draft (the connection throttles what it sends as typing). */
  onDraft?: (draft: string) => void;
  /** A file the shopper picked; no attach button without it. */
  onAttach?: (file: File) => void;
  inputRef?: Ref<HTMLTextAreaElement>;
}

const MAX_HEIGHT = 120;

export function Composer({ strings, maxLength, onSend, onDraft, onAttach, inputRef }: ComposerProps) {
  const [text, setText] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);
  const canSend = text.trim().length > 0 && text.length <= maxLength;

  // Reads the field itself, not the last render's state: a keydown can land before the re-render.
  const submit = (textarea: HTMLTextAreaElement | null) => {
    const value = textarea ? textarea.value : text;
    if (!value.trim() || value.length > maxLength) return;
    onSend(value);
    onDraft?.('');
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
      {onAttach && (
        <>
          <button type="button" class="send att" aria-label={strings.attach} onClick={() => fileRef.current?.click()}>
            +
          </button>
          <input
            ref={fileRef}
            type="file"
            accept="image/*,.pdf"
            hidden
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file) onAttach(file);
            }}
          />
        </>
      )}
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
          onDraft?.(el.value);
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
