import type { ConsoleApp } from './console-app';
import { SignInForm } from './SignInForm';
import { useObservable } from './use-observable';
import { Workspace } from './Workspace';

export function App({ app }: { app: ConsoleApp }) {
  const session = useObservable(app.session.state);
  const workspace = useObservable(app.workspace);
  if (session.status === 'checking') return <p class="splash">Loading…</p>;
  if (session.status === 'signed-out' || !workspace) {
    return <SignInForm signIn={app.signIn} notice={session.status === 'signed-out' ? session.notice : null} />;
  }
  return <Workspace workspace={workspace} onSignOut={() => void app.signOut()} />;
}
