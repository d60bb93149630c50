import type { Ack, Contact } from '@hilo/shared';
import { useState } from 'preact/hooks';

interface Props {
  current: Contact;
  match: Contact;
  /** The existing customer (`survivorId`) keeps everything; the current one is merged into it. */
  onMerge: (survivorId: string, mergedId: string) => Promise<Ack<Contact>>;
}

const nameOf = (contact: Contact): string => contact.name ?? 'Unknown visitor';

/** "Possible match" notice with an inline confirm: a merge moves history and cannot be undone here. */
export function PossibleMatch({ current, match, onMerge }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const email = match.emails[0]?.value ?? match.phones[0]?.value ?? '';

  const merge = (): void => {
    setBusy(true);
    setError(null);
    void onMerge(match.id, current.id).then((answer) => {
      setBusy(false);
      if (answer.ok) setConfirming(false);
      else setError(answer.error.message || 'The merge failed');
    });
  };

  return (
    <div class="possible-match">
      <p>
        Possible match: <strong>{nameOf(match)}</strong> {email}
      </p>
      {confirming ? (
        <div class="confirm" role="group" aria-label="Confirm merge">
          <p>
            Merge this visitor into {nameOf(match)}? Their conversations, emails and calls move to {nameOf(match)}.
          </p>
          <button type="button" class="button-primary button-small" disabled={busy} onClick={merge}>
            Confirm merge
          </button>
          <button type="button" class="button-quiet button-small" disabled={busy} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" class="button-quiet button-small" onClick={() => setConfirming(true)}>
          Merge
        </button>
      )}
      <div role="alert" class="form-error">
        {error}
      </div>
    </div>
  );
}
