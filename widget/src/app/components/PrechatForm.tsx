import type { PrechatMode } from '@hilo/shared';
import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import type { FormStrings } from '../locales/forms';
import { EMAIL_MAX, looksLikeEmail } from './email-shape';

interface PrechatFormProps {
  mode: Exclude<PrechatMode, 'off'>;
  strings: FormStrings;
  /** Name and email as typed (either may be empty when the form is optional); null: skipped. */
  onDone: (identity: { name: string; email: string } | null) => void;
  firstRef?: Ref<HTMLInputElement>;
}

const ERROR_ID = 'hilo-prechat-error';

/** Name and email before the first message, when the site asks for them (required or optional). */
export function PrechatForm({ mode, strings, onDone, firstRef }: PrechatFormProps) {
  const [invalid, setInvalid] = useState(false);
  const required = mode === 'required';
  return (
    <form
      class="card prechat"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const [nameInput, emailInput] = event.currentTarget.querySelectorAll('input');
        const name = (nameInput?.value ?? '').trim();
        const email = (emailInput?.value ?? '').trim();
        const ok = (email ? looksLikeEmail(email) : !required) && (!required || name.length > 0);
        setInvalid(!ok);
        if (ok) onDone(name || email ? { name, email } : null);
      }}
    >
      <p>{strings.prechatIntro}</p>
      <label>
        {strings.nameLabel}
        <input ref={firstRef} autocomplete="name" maxLength={120} required={required} aria-invalid={invalid ? 'true' : undefined} />
      </label>
      <label>
        {strings.emailLabel}
        <input type="email" autocomplete="email" maxLength={EMAIL_MAX} required={required} aria-invalid={invalid ? 'true' : undefined} aria-describedby={invalid ? ERROR_ID : undefined} />
      </label>
      <div class="row">
        {!required && (
          <button type="button" class="quiet" onClick={() => onDone(null)}>
            {strings.prechatSkip}
          </button>
        )}
        <button type="submit">{strings.prechatStart}</button>
      </div>
      {invalid && (
        <p id={ERROR_ID} class="err" role="alert">
          {strings.prechatMissing}
        </p>
      )}
    </form>
  );
}
