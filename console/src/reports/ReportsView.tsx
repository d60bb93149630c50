import type { Agent, AgentSummary, Report, Team } from '@hilo/shared';
import { useEffect, useMemo } from 'preact/hooks';
import { useObservable } from '../use-observable';
import { conversationsChart, durationChart } from './chart-specs';
import { FiguresTable } from './FiguresTable';
import { ReportChart, type ChartLoader } from './ReportChart';
import { agentColumns, channelColumns, teamColumns } from './report-columns';
import { ReportControls, type Option } from './ReportControls';
import { ReportSection } from './ReportSection';
import { createReportsModel, type ReportsModel } from './reports-model';
import { SummaryTiles } from './SummaryTiles';
import './reports.css';

interface Props {
  agent: Agent;
  agents: AgentSummary[];
  teams: Team[];
  /** Tests pass their own model (fake fetch) and chart loader (jsdom has no canvas). */
  model?: ReportsModel;
  loadChart?: ChartLoader;
}

function isEmpty(report: Report): boolean {
  const t = report.totals;
  return t.conversations === 0 && t.resolved === 0 && t.firstResponse.count === 0 && t.csat.good + t.csat.bad === 0 && t.missed === 0 && t.bot.answered === 0;
}

/** Known people plus anyone the report names (an agent who left still has figures). */
function options(known: Option[], fromReport: Array<{ id: string; name: string | null }>): Option[] {
  const byId = new Map(known.map((o) => [o.id, o]));
  for (const r of fromReport) if (r.name && !byId.has(r.id)) byId.set(r.id, { id: r.id, name: r.name });
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Reports: range and filters, headline tiles, daily charts, and per-channel, per-agent and per-team tables. */
export function ReportsView({ agents, teams, model: given, loadChart }: Props) {
  const model = useMemo(() => given ?? createReportsModel(), [given]);
  const state = useObservable(model.state);
  useEffect(() => {
    void model.load();
  }, [model]);
  const { report } = state;
  const charts = useMemo(
    () => (report ? [conversationsChart(report), durationChart(report, 'firstResponse'), durationChart(report, 'resolution')] : []),
    [report],
  );
  const agentOptions = options(agents, report?.agents.map((a) => ({ id: a.agentId, name: a.name })) ?? []);
  const teamOptions = options(teams, report?.teams.map((t) => ({ id: t.teamId, name: t.name })) ?? []);

  return (
    <main class="reports" aria-label="Reports" aria-busy={state.status === 'loading'}>
      <h2 class="pane-title">Reports</h2>
      <ReportControls
        preset={state.preset}
        from={state.from}
        to={state.to}
        tz={state.tz}
        filters={state.filters}
        agents={agentOptions}
        teams={teamOptions}
        onPreset={(days) => void model.choosePreset(days)}
        onRange={(from, to) => void model.chooseRange(from, to)}
        onFilter={(change) => void model.filter(change)}
      />
      {state.error && (
        <p class="report-error" role="alert">
          {state.error}
        </p>
      )}
      {!report && state.status === 'loading' && <p class="report-note">Loading the report…</p>}
      {report &&
        (isEmpty(report) ? (
          <p class="report-empty">No conversations in this range.</p>
        ) : (
          <>
            <SummaryTiles totals={report.totals} />
            <ReportSection id="report-daily" title="Daily" csvHref={model.csvUrl('daily')}>
              <div class="report-charts">
                {charts.map((spec) => (
                  <ReportChart key={spec.title} spec={spec} load={loadChart} />
                ))}
              </div>
            </ReportSection>
            <ReportSection id="report-channels" title="By channel" csvHref={model.csvUrl('channels')}>
              <FiguresTable label="By channel" rows={report.channels} columns={channelColumns} rowKey={(r) => r.channel} empty="" />
            </ReportSection>
            <ReportSection id="report-agents" title="By agent" csvHref={model.csvUrl('agents')}>
              <FiguresTable label="By agent" rows={report.agents} columns={agentColumns} rowKey={(r) => r.agentId} empty="No agent activity in this range." />
            </ReportSection>
            <ReportSection id="report-teams" title="By team" csvHref={model.csvUrl('teams')}>
              <FiguresTable label="By team" rows={report.teams} columns={teamColumns} rowKey={(r) => r.teamId} empty="No team activity in this range." />
            </ReportSection>
          </>
        ))}
    </main>
  );
}
