import { useState } from 'preact/hooks';
import { ApiError } from './api-client';

interface Props {
  accept: (password: string) => Promise<void>;
}

const MIN_LENGTH = 10;

function explain(error: unknown): string {
  if (error instanceof ApiError && error.status === 404) return 'This invite link was already used or has expired. Ask your admin for a new one.';
  if (error instanceof ApiError && error.status === 409) return 'An account with this email already exists. Sign in instead.';
  if (error instanceof ApiError && error.status === 0) return 'The server could not be reached, try again';
  return 'Something went wrong, please try again';
}

/** The small page an invite link opens: choose a password, then the console opens signed in. */
export function AcceptInvite({ accept }: Props) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (password.length < MIN_LENGTH) return setError(`Use at least ${MIN_LENGTH} characters`);
    if (password !== repeat) return setError('The two passwords differ');
    setBusy(true);
    setError(null);
    try {
      await accept(password);
    } catch (caught) {
      setError(explain(caught));
      setBusy(false);
    }
  };
  return (
    <main class="signin">
      <form class="signin-card" onSubmit={(e) => void submit(e)} aria-labelledby="invite-title">
        <h1 id="invite-title" class="signin-brand">Hilo</h1>
        <p class="signin-lead">You were invited to the agent console. Choose a password to start.</p>
        <label for="invite-password">New password</label>
        <input id="invite-password" type="password" autocomplete="new-password" required value={password} disabled={busy} onInput={(e) => setPassword(e.currentTarget.value)} />
        <label for="invite-repeat">Repeat password</label>
        <input id="invite-repeat" type="password" autocomplete="new-password" required value={repeat} disabled={busy} onInput={(e) => setRepeat(e.currentTarget.value)} />
        <div role="alert" class="form-error">
          {error}
        </div>
        <button type="submit" class="button-primary" disabled={busy}>
          Set password and sign in
        </button>
      </form>
    </main>
  );
}
