import type { LoginBody } from '@hilo/shared';
import { useState } from 'preact/hooks';
import { ApiError } from './api-client';

interface Props {
  signIn: (body: LoginBody) => Promise<void>;
  /** Why the agent is here again (session expired, server unreachable). */
  notice?: string | null;
}

function explain(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong, please try again';
  if (error.status === 401) return 'Wrong email or password';
  if (error.status === 429) return 'Too many attempts, try again in a minute';
  if (error.status === 400) return 'Check the email address and password';
  if (error.status === 0) return 'The server could not be reached, try again';
  return 'Something went wrong, please try again';
}

export function SignInForm({ signIn, notice = null }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await signIn({ email, password });
    } catch (caught) {
      setError(explain(caught));
      setBusy(false);
    }
  };

  return (
    <main class="signin">
      <form class="signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title" class="signin-brand">Hilo</h1>
        <p class="signin-lead">Sign in to the agent console</p>
        {notice && !error && <p class="signin-notice">{notice}</p>}
        <label for="signin-email">Email</label>
        <input id="signin-email" type="email" autocomplete="username" required value={email} disabled={busy} onInput={(e) => setEmail(e.currentTarget.value)} />
        <label for="signin-password">Password</label>
        <input id="signin-password" type="password" autocomplete="current-password" required value={password} disabled={busy} onInput={(e) => setPassword(e.currentTarget.value)} />
        <div role="alert" class="form-error">
          {error}
        </div>
        <button type="submit" class="button-primary" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
