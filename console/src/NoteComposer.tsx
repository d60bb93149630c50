import type { Ack, ConversationNote } from '@hilo/shared';
import { LIMITS } from '@hilo/shared/constants';
import { useState } from 'preact/hooks';

interface Props {
  onAdd: (text: string) => Promise<Ack<ConversationNote>>;
}

/** The composer in note mode: what is written here stays among agents. */
export function NoteComposer({ onAdd }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const add = async (): Promise<void> => {
    const note = text.trim();
    if (!note || busy) return;
    if (note.length > LIMITS.messageText) {
      setError(`Notes can be at most ${LIMITS.messageText} characters`);
      return;
    }
    setBusy(true);
    const answer = await onAdd(note);
    setBusy(false);
    if (answer.ok) {
      setText('');
      setError(null);
    } else setError(answer.error.message);
  };
  return (
    <form
      class="reply reply-note"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <label for="note-text" class="sr-only">
        Conversation note
      </label>
      <textarea
        id="note-text"
        class="reply-text"
        rows={3}
        placeholder="Internal note: only agents see this (Enter to add)"
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            void add();
          }
        }}
      />
      <div class="reply-bar">
        <div role="alert" class="form-error">
          {error}
        </div>
        <button type="submit" class="button-note" disabled={!text.trim() || busy}>
          Add note
        </button>
      </div>
    </form>
  );
}
