import type { InboxCounts, InboxViewName, Team } from '@hilo/shared';
import { useState } from 'preact/hooks';
import type { InboxQuery } from './inbox-query';

interface Props {
  query: InboxQuery;
  total: number;
  teams: Team[];
  /** Badges on every tab (the current view shows its live total instead). */
  counts?: InboxCounts | null;
  onChange: (query: InboxQuery) => void;
}

const TABS: Array<[keyof InboxCounts, string]> = [
  ['mine', 'Mine'],
  ['unassigned', 'Unassigned'],
  ['all', 'All'],
  ['snoozed', 'Snoozed'],
  ['resolved', 'Resolved'],
];

/** View switcher above the inbox: the common views as tabs, team and label as pickers, and the sort. */
export function InboxViews({ query, total, teams, counts, onChange }: Props) {
  const [label, setLabel] = useState(query.view === 'label' ? (query.label ?? '') : '');
  const pick = (view: InboxViewName): void => onChange({ view, sort: query.sort });
  return (
    <div class="inbox-views">
      <div class="view-tabs" role="tablist" aria-label="Inbox views">
        {TABS.map(([view, title]) => (
          <button key={view} type="button" role="tab" class="view-tab" aria-selected={query.view === view} onClick={() => pick(view)}>
            {title}
            {query.view === view ? <span class="view-count">{total}</span> : counts && <span class="view-count">{counts[view]}</span>}
          </button>
        ))}
      </div>
      <div class="view-filters">
        <label class="view-filter">
          <span class="sr-only">Team view</span>
          <select
            aria-label="Team view"
            value={query.view === 'team' ? query.teamId : ''}
            onChange={(e) => {
              const teamId = e.currentTarget.value;
              onChange(teamId ? { view: 'team', teamId, sort: query.sort } : { view: 'all', sort: query.sort });
            }}
          >
            <option value="">Any team</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <form
          class="view-filter"
          onSubmit={(e) => {
            e.preventDefault();
            const value = label.trim().toLowerCase();
            onChange(value ? { view: 'label', label: value, sort: query.sort } : { view: 'all', sort: query.sort });
          }}
        >
          <input aria-label="Label view" placeholder="Label…" value={label} onInput={(e) => setLabel(e.currentTarget.value)} size={8} />
        </form>
        <select aria-label="Sort" value={query.sort} onChange={(e) => onChange({ ...query, sort: e.currentTarget.value === 'waiting' ? 'waiting' : 'activity' })}>
          <option value="activity">Last activity</option>
          <option value="waiting">Waiting longest</option>
        </select>
      </div>
    </div>
  );
}
