import type { Ack, AgentRole, AgentSummary, InviteCreated } from '@hilo/shared';
import { useState } from 'preact/hooks';
import { InviteForm } from './InviteForm';

interface Props {
  agents: AgentSummary[];
  isAdmin: boolean;
  onCapacity: (agentId: string, capacity: number) => Promise<Ack<AgentSummary>>;
  onRole: (agentId: string, role: AgentRole) => Promise<Ack<AgentSummary>>;
  onInvite: (input: { email: string; name: string; role: AgentRole }) => Promise<Ack<InviteCreated>>;
  onDeactivate?: (agentId: string) => Promise<Ack<null>>;
  selfId?: string;
}

/** Who is online, how many chats each holds, and (admins) how many each may take. */
export function AgentsSection({ agents, isAdmin, onCapacity, onRole, onInvite, onDeactivate, selfId }: Props) {
  const [error, setError] = useState<string | null>(null);
  /** Deactivation takes a second click: it ends the agent's sessions at once. */
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <section class="settings-section" aria-labelledby="settings-agents">
      <h3 id="settings-agents">Agents</h3>
      <table class="settings-table">
        <thead>
          <tr>
            <th>Agent</th>
            <th>Role</th>
            <th>Status</th>
            <th>Open chats</th>
            <th>Capacity</th>
            {isAdmin && <th><span class="sr-only">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <tr key={a.id}>
              <td>{a.name}</td>
              <td>
                {isAdmin ? (
                  <select
                    aria-label={`Role of ${a.name}`}
                    value={a.role}
                    onChange={(e) => void onRole(a.id, e.currentTarget.value === 'admin' ? 'admin' : 'agent').then((answer) => setError(answer.ok ? null : answer.error.message))}
                  >
                    <option value="agent">agent</option>
                    <option value="admin">admin</option>
                  </select>
                ) : (
                  a.role
                )}
              </td>
              <td>
                <span class={`presence-dot presence-${a.status}`} aria-hidden="true" /> {a.status}
              </td>
              <td>{a.load}</td>
              <td>
                {isAdmin ? (
                  <input
                    type="number"
                    min={0}
                    max={100}
                    aria-label={`Capacity of ${a.name}`}
                    value={a.capacity}
                    onChange={(e) => {
                      const value = Number(e.currentTarget.value);
                      void onCapacity(a.id, value).then((answer) => setError(answer.ok ? null : answer.error.message));
                    }}
                  />
                ) : (
                  a.capacity
                )}
              </td>
              {isAdmin && (
                <td>
                  {onDeactivate && a.id !== selfId && (
                    <button
                      type="button"
                      class="button-quiet button-small"
                      onClick={() => {
                        if (confirming !== a.id) return setConfirming(a.id);
                        setConfirming(null);
                        void onDeactivate(a.id).then((answer) => setError(answer.ok ? null : answer.error.message));
                      }}
                    >
                      {confirming === a.id ? `Confirm: deactivate ${a.name}` : 'Deactivate'}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {error && (
        <p role="alert" class="form-error">
          {error}
        </p>
      )}
      {isAdmin && <InviteForm onInvite={onInvite} />}
    </section>
  );
}
