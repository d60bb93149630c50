import type { Ack, Note } from '@hilo/shared';
import { useId, useState } from 'preact/hooks';

const MAX_NOTE = 10_000;

/** An internal note on the customer; agents see it in the timeline, the customer never does. */
export function NoteForm({ onAdd }: { onAdd: (text: string) => Promise<Ack<Note>> }) {
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: Event): void => {
    event.preventDefault();
    const note = text.trim();
    if (!note) return setError('Write the note first');
    if (note.length > MAX_NOTE) return setError(`Notes can be at most ${MAX_NOTE} characters`);
    setBusy(true);
    setError(null);
    void onAdd(note).then((answer) => {
      setBusy(false);
      if (answer.ok) setText('');
      else setError(answer.error.message || 'The note could not be saved');
    });
  };

  return (
    <form class="note-form" onSubmit={submit}>
      <label for={id}>Internal note</label>
      <textarea id={id} rows={2} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <div class="form-bar">
        <div role="alert" class="form-error">
          {error}
        </div>
        <button type="submit" class="button-quiet button-small" disabled={busy}>
          Add note
        </button>
      </div>
    </form>
  );
}
