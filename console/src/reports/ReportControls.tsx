import type { Channel } from '@hilo/shared';
import type { ComponentChildren } from 'preact';
import { CHANNEL_LABELS } from './report-columns';
import { RANGE_PRESETS, type RangePreset, type ReportFilters } from './reports-model';

export interface Option {
  id: string;
  name: string;
}

interface Props {
  preset: RangePreset | null;
  from: string;
  to: string;
  tz: string;
  filters: ReportFilters;
  agents: Option[];
  teams: Option[];
  onPreset: (days: RangePreset) => void;
  onRange: (from: string, to: string) => void;
  onFilter: (change: Partial<ReportFilters>) => void;
}

const CHANNELS = Object.keys(CHANNEL_LABELS) as Channel[];

/** Label above its control; the label stays outside, so the control's value is not part of its name. */
function Field({ id, label, children }: { id: string; label: string; children: ComponentChildren }) {
  return (
    <div class="report-field">
      <label for={id}>{label}</label>
      {children}
    </div>
  );
}

/** Range (presets or two dates) and the channel / agent / team filters. */
export function ReportControls({ preset, from, to, tz, filters, agents, teams, onPreset, onRange, onFilter }: Props) {
  return (
    <div class="report-controls">
      <div class="report-presets" role="group" aria-label="Range">
        {RANGE_PRESETS.map((days) => (
          <button key={days} type="button" class="button-quiet button-small" aria-pressed={preset === days} onClick={() => onPreset(days)}>
            Last {days} days
          </button>
        ))}
      </div>
      <Field id="report-from" label="From">
        <input id="report-from" type="date" value={from} max={to} onChange={(e) => e.currentTarget.value && onRange(e.currentTarget.value, to)} />
      </Field>
      <Field id="report-to" label="To">
        <input id="report-to" type="date" value={to} min={from} onChange={(e) => e.currentTarget.value && onRange(from, e.currentTarget.value)} />
      </Field>
      <Field id="report-channel" label="Channel">
        <select id="report-channel" value={filters.channel} onChange={(e) => onFilter({ channel: e.currentTarget.value as Channel | '' })}>
          <option value="">All channels</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {CHANNEL_LABELS[c]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="report-agent" label="Agent">
        <select id="report-agent" value={filters.agentId} onChange={(e) => onFilter({ agentId: e.currentTarget.value })}>
          <option value="">All agents</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="report-team" label="Team">
        <select id="report-team" value={filters.teamId} onChange={(e) => onFilter({ teamId: e.currentTarget.value })}>
          <option value="">All teams</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </Field>
      <span class="report-tz">Days in {tz}</span>
    </div>
  );
}
