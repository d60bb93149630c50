import type { Ack, AgentSummary, Conversation, Team } from '@hilo/shared';
import { useState } from 'preact/hooks';
import type { TransferTarget } from './workflow-connection';

interface Props {
  agents: AgentSummary[];
  teams: Team[];
  selfId: string;
  onTransfer: (target: TransferTarget, note: string) => Promise<Ack<Conversation>>;
  onClose: () => void;
}

/** Hand the conversation to an agent or a team, with a note the next person reads first. */
export function TransferForm({ agents, teams, selfId, onTransfer, onClose }: Props) {
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (): Promise<void> => {
    const [kind, id = ''] = target.split(':');
    if (!id) return;
    const answer = await onTransfer(kind === 'team' ? { teamId: id } : { agentId: id }, note.trim());
    if (answer.ok) onClose();
    else setError(answer.error.message);
  };
  return (
    <form
      class="transfer-form"
      aria-label="Transfer conversation"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label>
        Transfer to
        <select value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
          <option value="">Choose…</option>
          <optgroup label="Agents">
            {agents
              .filter((a) => a.id !== selfId)
              .map((a) => (
                <option key={a.id} value={`agent:${a.id}`}>
                  {a.name} ({a.status}, {a.load}/{a.capacity})
                </option>
              ))}
          </optgroup>
          {teams.length > 0 && (
            <optgroup label="Teams">
              {teams.map((t) => (
                <option key={t.id} value={`team:${t.id}`}>
                  {t.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      <label>
        Note for them
        <textarea rows={2} value={note} maxLength={2000} onInput={(e) => setNote(e.currentTarget.value)} placeholder="What they should know" />
      </label>
      <div class="form-bar">
        <div role="alert" class="form-error">
          {error}
        </div>
        <button type="button" class="button-quiet" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" class="button-primary" disabled={!target}>
          Transfer
        </button>
      </div>
    </form>
  );
}
