import type { ActivityEvent, Report, ReportQuery, ReportTable, Team } from '@hilo/shared';
import type { AgentRepository } from '../ports.js';
import { computeReport } from './compute-report.js';
import { reportCsv, reportCsvFilename } from './report-csv.js';
import { utcDaysToRead } from './report-days.js';

export interface ReportServiceDeps {
  /** The recorded events of whole UTC days (store/activity-store.ts). */
  activity: { days(siteId: string, days: string[]): Promise<ActivityEvent[]> };
  agents: Pick<AgentRepository, 'findById'>;
  teams: (siteId: string) => Promise<Team[]>;
}

export type ReportService = ReturnType<typeof createReportService>;

const byName = (a: { name: string | null; id: string }, b: { name: string | null; id: string }): number => {
  // Named rows first, alphabetically; rows of agents or teams that no longer exist last.
  if (a.name !== null && b.name !== null) return a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1);
  if (a.name !== b.name) return a.name === null ? 1 : -1;
  return a.id < b.id ? -1 : 1;
};

/** Reads a site's events for the range, computes the report and names its agents and teams. */
export function createReportService({ activity, agents, teams }: ReportServiceDeps) {
  async function report(siteId: string, query: ReportQuery): Promise<Report> {
    const events = await activity.days(siteId, utcDaysToRead(query.from, query.to));
    const computed = computeReport(
      events.filter((e) => e.siteId === siteId),
      query,
    );
    const [siteTeams, agentNames] = await Promise.all([
      teams(siteId),
      Promise.all(
        computed.agents.map(async ({ agentId }) => {
          const found = await agents.findById(agentId);
          return found && found.siteId === siteId ? found.name : null;
        }),
      ),
    ]);
    const teamNames = new Map(siteTeams.map((t) => [t.id, t.name]));
    return {
      ...computed,
      agents: computed.agents
        .map((a, i) => ({ ...a, name: agentNames[i] ?? null }))
        .sort((a, b) => byName({ name: a.name, id: a.agentId }, { name: b.name, id: b.agentId })),
      teams: computed.teams
        .map((t) => ({ ...t, name: teamNames.get(t.teamId) ?? null }))
        .sort((a, b) => byName({ name: a.name, id: a.teamId }, { name: b.name, id: b.teamId })),
    };
  }

  return {
    report,
    async csv(siteId: string, table: ReportTable, query: ReportQuery): Promise<{ filename: string; body: string }> {
      const computed = await report(siteId, query);
      return { filename: reportCsvFilename(computed, table), body: reportCsv(computed, table) };
    },
  };
}
