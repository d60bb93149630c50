import type { Ack, AgentSummary, Team } from '@hilo/shared';
import { useState } from 'preact/hooks';

interface Props {
  teams: Team[];
  agents: AgentSummary[];
  onSave: (team: { id?: string; name: string; memberIds: string[] }) => Promise<Ack<Team>>;
}

/** Teams and their members; picking a team loads it into the form for editing. */
export function TeamsSection({ teams, agents, onSave }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [members, setMembers] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const nameOf = (id: string) => agents.find((a) => a.id === id)?.name ?? id;
  const edit = (team: Team | null): void => {
    setEditing(team?.id ?? null);
    setName(team?.name ?? '');
    setMembers(team?.memberIds ?? []);
    setError(null);
  };
  const save = async (): Promise<void> => {
    const answer = await onSave({ ...(editing ? { id: editing } : {}), name: name.trim(), memberIds: members });
    if (answer.ok) edit(null);
    else setError(answer.error.message);
  };
  return (
    <section class="settings-section" aria-labelledby="settings-teams">
      <h3 id="settings-teams">Teams</h3>
      <ul class="settings-list">
        {teams.map((t) => (
          <li key={t.id}>
            <button type="button" class="button-link" onClick={() => edit(t)}>
              {t.name}
            </button>{' '}
            <span class="muted">{t.memberIds.map(nameOf).join(', ') || 'no members'}</span>
          </li>
        ))}
      </ul>
      <form
        class="settings-form"
        aria-label={editing ? 'Edit team' : 'New team'}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          Team name
          <input value={name} maxLength={60} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <fieldset>
          <legend>Members</legend>
          {agents.map((a) => (
            <label key={a.id} class="checkbox">
              <input
                type="checkbox"
                checked={members.includes(a.id)}
                onChange={(e) => setMembers(e.currentTarget.checked ? [...members, a.id] : members.filter((m) => m !== a.id))}
              />
              {a.name}
            </label>
          ))}
        </fieldset>
        <div class="form-bar">
          <div role="alert" class="form-error">
            {error}
          </div>
          {editing && (
            <button type="button" class="button-quiet" onClick={() => edit(null)}>
              Cancel
            </button>
          )}
          <button type="submit" class="button-primary" disabled={!name.trim()}>
            {editing ? 'Save team' : 'Add team'}
          </button>
        </div>
      </form>
    </section>
  );
}
