import type { Ack, Agent, AgentSummary, Conversation, Team } from '@hilo/shared';
import { useState } from 'preact/hooks';
import { LabelEditor } from './LabelEditor';
import { snoozeOptions } from './snooze-options';
import { TransferForm } from './TransferForm';
import type { WorkflowConnection } from './workflow-connection';

export type WorkflowActions = Pick<WorkflowConnection, 'resolve' | 'reopen' | 'assign' | 'transfer' | 'setLabels' | 'snooze'>;

interface Props {
  conversation: Conversation;
  agent: Agent;
  agents: AgentSummary[];
  teams: Team[];
  actions: WorkflowActions;
}

/** Assign, transfer, snooze, resolve/reopen and labels for the open conversation. */
export function ConversationActions({ conversation: c, agent, agents, teams, actions }: Props) {
  const [transferring, setTransferring] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (work: Promise<Ack<unknown>>): void => {
    setError(null);
    void work.then((answer) => {
      if (!answer.ok) setError(answer.error.message);
    });
  };
  const open = c.status === 'open';
  const team = teams.find((t) => t.id === c.teamId);
  return (
    <div class="conversation-actions">
      <div class="action-row">
        {open && (
          <label class="assign-select">
            <span class="sr-only">Assignee</span>
            <select aria-label="Assignee" value={c.assigneeId ?? ''} onChange={(e) => run(actions.assign(c.id, e.currentTarget.value || null))}>
              <option value="">Unassigned</option>
              {agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} · {a.status} · {a.load}/{a.capacity}
                </option>
              ))}
            </select>
          </label>
        )}
        {open && c.assigneeId !== agent.id && (
          <button type="button" class="button-quiet button-small" onClick={() => run(actions.assign(c.id, agent.id))}>
            Assign to me
          </button>
        )}
        {open && (
          <button type="button" class="button-quiet button-small" aria-expanded={transferring} onClick={() => setTransferring(!transferring)}>
            Transfer
          </button>
        )}
        {c.status !== 'resolved' && (
          <select
            aria-label="Snooze"
            class="snooze-select"
            value=""
            onChange={(e) => {
              const until = Number(e.currentTarget.value);
              if (until) run(actions.snooze(c.id, until));
            }}
          >
            <option value="">{c.status === 'pending' && c.snoozedUntil ? `Snoozed until ${new Date(c.snoozedUntil).toLocaleString()}` : 'Snooze…'}</option>
            {snoozeOptions(Date.now()).map((o) => (
              <option key={o.label} value={o.until}>
                {o.label}
              </option>
            ))}
          </select>
        )}
        {c.status === 'open' ? (
          <button type="button" class="button-primary button-small" onClick={() => run(actions.resolve(c.id))}>
            Resolve
          </button>
        ) : (
          <button type="button" class="button-primary button-small" onClick={() => run(actions.reopen(c.id))}>
            Reopen
          </button>
        )}
      </div>
      <div class="action-row">
        {team && <span class="tag">Team: {team.name}</span>}
        <LabelEditor labels={c.labels ?? []} onChange={(labels) => run(actions.setLabels(c.id, labels))} />
      </div>
      {error && (
        <p role="alert" class="form-error">
          {error}
        </p>
      )}
      {transferring && (
        <TransferForm agents={agents} teams={teams} selfId={agent.id} onTransfer={(target, note) => actions.transfer(c.id, target, note)} onClose={() => setTransferring(false)} />
      )}
    </div>
  );
}
