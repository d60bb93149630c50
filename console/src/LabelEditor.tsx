import { useState } from 'preact/hooks';

interface Props {
  labels: string[];
  onChange: (labels: string[]) => void;
}

/** Labels as removable chips plus a field to add one (Enter). */
export function LabelEditor({ labels, onChange }: Props) {
  const [draft, setDraft] = useState('');
  const add = (): void => {
    const label = draft.trim().toLowerCase();
    setDraft('');
    if (label && !labels.includes(label)) onChange([...labels, label]);
  };
  return (
    <div class="label-editor">
      {labels.map((label) => (
        <span key={label} class="label-chip">
          {label}
          <button type="button" class="label-remove" aria-label={`Remove label ${label}`} onClick={() => onChange(labels.filter((l) => l !== label))}>
            ×
          </button>
        </span>
      ))}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <input class="label-input" aria-label="Add label" placeholder="+ label" maxLength={32} value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
      </form>
    </div>
  );
}
