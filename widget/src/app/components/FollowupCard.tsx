import { useState } from 'preact/hooks';
import type { Followup } from '../conversation-model';
import type { FormStrings } from '../locales/forms';
import { EMAIL_MAX, looksLikeEmail } from './email-shape';

interface FollowupCardProps {
  followup: Followup;
  strings: FormStrings;
  onSubmit: (email: string) => void;
}

const ERROR_ID = 'hilo-followup-error';

/** The offer to answer by email when no agent is online, or where the reply will go. */
export function FollowupCard({ followup, strings, onSubmit }: FollowupCardProps) {
  const [invalid, setInvalid] = useState(false);

  if (followup.status === 'done') {
    // A function replacement, so "$&"-like text in an address is not read as a pattern.
    return <p class="card done">{strings.followupDone.replace('{email}', () => followup.email)}</p>;
  }

  const error = invalid ? strings.emailInvalid : followup.status === 'error' ? strings.followupFailed : null;
  return (
    <form
      class="card"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        // Read from the field itself: a click can land before the re-render of the last keystroke.
        const value = (event.currentTarget.querySelector('input')?.value ?? '').trim();
        const ok = looksLikeEmail(value);
        setInvalid(!ok);
        if (ok) onSubmit(value);
      }}
    >
      <p>{strings.followupAsk}</p>
      <label>
        {strings.emailLabel}
        <input
          type="email"
          autocomplete="email"
          maxLength={EMAIL_MAX}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? ERROR_ID : undefined}
        />
      </label>
      <button type="submit" disabled={followup.status === 'sending'}>
        {strings.send}
      </button>
      {error && (
        <p id={ERROR_ID} class="err" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
