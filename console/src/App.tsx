import { AcceptInvite } from './AcceptInvite';
import type { ConsoleApp } from './console-app';
import { SignInForm } from './SignInForm';
import { useObservable } from './use-observable';
import { Workspace } from './Workspace';

/** `inviteToken`: from an invite link (`/console/?invite=…`); the invitee sets a password first. */
export function App({ app, inviteToken = null, onInviteDone }: { app: ConsoleApp; inviteToken?: string | null; onInviteDone?: () => void }) {
  const session = useObservable(app.session.state);
  const workspace = useObservable(app.workspace);
  if (session.status === 'checking') return <p class="splash">Loading…</p>;
  if (inviteToken && (session.status === 'signed-out' || !workspace)) {
    return (
      <AcceptInvite
        accept={async (password) => {
          await app.acceptInvite(inviteToken, password);
          onInviteDone?.();
        }}
      />
    );
  }
  if (session.status === 'signed-out' || !workspace) {
    return <SignInForm signIn={app.signIn} notice={session.status === 'signed-out' ? session.notice : null} />;
  }
  return <Workspace workspace={workspace} onSignOut={() => void app.signOut()} />;
}
