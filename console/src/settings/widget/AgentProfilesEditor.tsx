import type { AgentProfile } from '@hilo/shared';
import type { SiteAgent } from './widget-settings-model';

interface Props {
  agents: SiteAgent[];
  value: AgentProfile[];
  onChange: (next: AgentProfile[]) => void;
}

/**
 * The name and avatar shoppers see for each agent. An empty display name means "use the sign-in
 * name"; an empty avatar URL shows initials.
 */
export function AgentProfilesEditor({ agents, value, onChange }: Props) {
  const profileOf = (id: string) => value.find((p) => p.agentId === id);
  const update = (agent: SiteAgent, change: { displayName?: string; avatarUrl?: string }) => {
    const current = profileOf(agent.id) ?? { agentId: agent.id, displayName: agent.name, avatarUrl: null };
    const displayName = change.displayName ?? current.displayName;
    const avatar = change.avatarUrl !== undefined ? change.avatarUrl.trim() : (current.avatarUrl ?? '');
    const others = value.filter((p) => p.agentId !== agent.id);
    // A profile that says nothing new is dropped, so the list holds only real choices. An emptied name
    // stays while typing; saving falls back to the sign-in name.
    const keep = displayName !== agent.name || avatar !== '';
    onChange(keep ? [...others, { agentId: agent.id, displayName, avatarUrl: avatar || null }] : others);
  };
  return (
    <fieldset>
      <legend>How agents appear to shoppers</legend>
      <table class="ws-agents">
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Display name</th>
            <th scope="col">Avatar URL (https; empty: initials)</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((agent) => {
            const profile = profileOf(agent.id);
            return (
              <tr key={agent.id}>
                <td>{agent.name}</td>
                <td>
                  <input aria-label={`Display name for ${agent.name}`} maxLength={60} value={profile?.displayName ?? agent.name} onInput={(e) => update(agent, { displayName: e.currentTarget.value })} />
                </td>
                <td>
                  <input
                    type="url"
                    aria-label={`Avatar URL for ${agent.name}`}
                    maxLength={500}
                    placeholder="https://…"
                    value={profile?.avatarUrl ?? ''}
                    onInput={(e) => update(agent, { avatarUrl: e.currentTarget.value })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}
