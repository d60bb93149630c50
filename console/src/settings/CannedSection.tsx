import type { Ack, CannedResponse } from '@hilo/shared';
import { useState } from 'preact/hooks';

interface Props {
  responses: CannedResponse[];
  onSave: (input: { id?: string; shortcut: string; text: string }) => Promise<Ack<CannedResponse>>;
  onDelete: (id: string) => Promise<Ack<null>>;
}

/** Canned responses typed as `/shortcut` in the reply box; {{name}} and {{agent}} are filled in. */
export function CannedSection({ responses, onSave, onDelete }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const [shortcut, setShortcut] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const edit = (r: CannedResponse | null): void => {
    setEditing(r?.id ?? null);
    setShortcut(r?.shortcut ?? '');
    setText(r?.text ?? '');
    setError(null);
  };
  const done = (answer: Ack<unknown>): void => {
    if (answer.ok) edit(null);
    else setError(answer.error.message);
  };
  return (
    <section class="settings-section" aria-labelledby="settings-canned">
      <h3 id="settings-canned">Canned responses</h3>
      <ul class="settings-list">
        {responses.map((r) => (
          <li key={r.id}>
            <button type="button" class="button-link" onClick={() => edit(r)}>
              /{r.shortcut}
            </button>{' '}
            <span class="muted">{r.text}</span>{' '}
            <button type="button" class="button-quiet button-small" aria-label={`Delete /${r.shortcut}`} onClick={() => void onDelete(r.id).then(done)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      <form
        class="settings-form"
        aria-label={editing ? 'Edit canned response' : 'New canned response'}
        onSubmit={(e) => {
          e.preventDefault();
          void onSave({ ...(editing ? { id: editing } : {}), shortcut: shortcut.trim().replace(/^\//, ''), text }).then(done);
        }}
      >
        <label>
          Shortcut
          <input value={shortcut} maxLength={33} placeholder="refund" onInput={(e) => setShortcut(e.currentTarget.value)} />
        </label>
        <label>
          Text
          <textarea rows={3} value={text} placeholder="Hi {{name}}, …" onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        <p class="muted">Placeholders: {'{{name}}'} (customer first name), {'{{agent}}'} (your name).</p>
        <div class="form-bar">
          <div role="alert" class="form-error">
            {error}
          </div>
          {editing && (
            <button type="button" class="button-quiet" onClick={() => edit(null)}>
              Cancel
            </button>
          )}
          <button type="submit" class="button-primary" disabled={!shortcut.trim() || !text.trim()}>
            {editing ? 'Save response' : 'Add response'}
          </button>
        </div>
      </form>
    </section>
  );
}
