import type { Ack, AgentRole, InviteCreated } from '@hilo/shared';
import { useState } from 'preact/hooks';

interface Props {
  onInvite: (input: { email: string; name: string; role: AgentRole }) => Promise<Ack<InviteCreated>>;
}

/** Admins invite by email and name; the one-time link is shown once to pass on to the invitee. */
export function InviteForm({ onInvite }: Props) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<AgentRole>('agent');
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      class="settings-form"
      aria-label="Invite an agent"
      onSubmit={(e) => {
        e.preventDefault();
        void onInvite({ email: email.trim(), name: name.trim(), role }).then((answer) => {
          if (answer.ok) {
            setLink(answer.data.inviteUrl);
            setError(null);
            setEmail('');
            setName('');
          } else setError(answer.error.message);
        });
      }}
    >
      <h4>Invite an agent</h4>
      <label>
        Email
        <input type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
      </label>
      <label>
        Name
        <input required maxLength={80} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        Role
        <select value={role} onChange={(e) => setRole(e.currentTarget.value === 'admin' ? 'admin' : 'agent')}>
          <option value="agent">Agent</option>
          <option value="admin">Admin</option>
        </select>
      </label>
      <div class="form-bar">
        <div role="alert" class="form-error">
          {error}
        </div>
        <button type="submit" class="button-primary">
          Create invite link
        </button>
      </div>
      {link && (
        <p class="invite-link">
          Send this one-time link to the invitee (valid 7 days): <input aria-label="Invite link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        </p>
      )}
    </form>
  );
}
