import type { Ack, RoutingRule, Team } from '@hilo/shared';
import { useEffect, useState } from 'preact/hooks';

type Draft = Omit<RoutingRule, 'id'> & { id?: string };

interface Props {
  rules: RoutingRule[];
  teams: Team[];
  onSave: (rules: Draft[]) => Promise<Ack<RoutingRule[]>>;
}

const MATCH_TEXT: Record<RoutingRule['match'], string> = { url: 'Page URL contains', channel: 'Channel is', keyword: 'First message mentions' };

/** Ordered rules: the first that matches a new conversation sends it to its team. */
export function RulesSection({ rules, teams, onSave }: Props) {
  const [drafts, setDrafts] = useState<Draft[]>(rules);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => setDrafts(rules), [rules]);
  const change = (index: number, patch: Partial<Draft>): void => setDrafts(drafts.map((d, i) => (i === index ? { ...d, ...patch } : d)));
  return (
    <section class="settings-section" aria-labelledby="settings-rules">
      <h3 id="settings-rules">Routing rules</h3>
      {teams.length === 0 && <p class="muted">Add a team first: rules send conversations to teams.</p>}
      <ol class="rules-list">
        {drafts.map((rule, index) => (
          <li key={rule.id ?? `new-${index}`} class="rule-row">
            <select aria-label={`Rule ${index + 1} condition`} value={rule.match} onChange={(e) => change(index, { match: e.currentTarget.value as RoutingRule['match'] })}>
              {Object.entries(MATCH_TEXT).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
            <input aria-label={`Rule ${index + 1} value`} value={rule.value} maxLength={200} onInput={(e) => change(index, { value: e.currentTarget.value })} />
            <span>→</span>
            <select aria-label={`Rule ${index + 1} team`} value={rule.teamId} onChange={(e) => change(index, { teamId: e.currentTarget.value })}>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
            <button type="button" class="button-quiet button-small" aria-label={`Remove rule ${index + 1}`} onClick={() => setDrafts(drafts.filter((_, i) => i !== index))}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      <div class="form-bar">
        <p role="status" class="muted">
          {status}
        </p>
        <button
          type="button"
          class="button-quiet"
          disabled={teams.length === 0}
          onClick={() => setDrafts([...drafts, { match: 'keyword', value: '', teamId: teams[0]?.id ?? '' }])}
        >
          Add rule
        </button>
        <button
          type="button"
          class="button-primary"
          onClick={() => void onSave(drafts).then((answer) => setStatus(answer.ok ? 'Rules saved' : answer.error.message))}
        >
          Save rules
        </button>
      </div>
    </section>
  );
}
