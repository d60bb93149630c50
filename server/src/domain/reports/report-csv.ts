import type { CsatStats, DurationStats, Report, ReportFigures, ReportTable } from '@hilo/shared';
import { csvDocument, type CsvValue } from './csv.js';

/** The CSV export of each report table: durations in whole seconds, rates as percentages (one decimal). */

const seconds = (ms: number | null): CsvValue => (ms === null ? null : Math.round(ms / 1000));
const percent = (rate: number | null): CsvValue => (rate === null ? null : Math.round(rate * 1000) / 10);

const DURATION_HEADER = (prefix: string) => [`${prefix}_count`, `${prefix}_median_seconds`, `${prefix}_p90_seconds`];
const duration = (d: DurationStats): CsvValue[] => [d.count, seconds(d.medianMs), seconds(d.p90Ms)];
const CSAT_HEADER = ['csat_good', 'csat_bad', 'csat_good_percent'];
const csat = (c: CsatStats): CsvValue[] => [c.good, c.bad, percent(c.goodRate)];

const FIGURES_HEADER = [
  'conversations',
  'resolved',
  ...DURATION_HEADER('first_response'),
  ...DURATION_HEADER('resolution'),
  ...CSAT_HEADER,
  'missed_chats',
  'bot_answered',
  'bot_deflected',
  'bot_deflection_percent',
  'bot_handoffs',
];
const figures = (f: ReportFigures): CsvValue[] => [
  f.conversations,
  f.resolved,
  ...duration(f.firstResponse),
  ...duration(f.resolution),
  ...csat(f.csat),
  f.missed,
  f.bot.answered,
  f.bot.deflected,
  percent(f.bot.deflectionRate),
  f.bot.handoffs,
];

const PEOPLE_HEADER = ['assigned', 'resolved', ...DURATION_HEADER('first_response'), ...DURATION_HEADER('resolution'), ...CSAT_HEADER];

const builders: Record<ReportTable, (report: Report) => string> = {
  daily: (r) =>
    csvDocument(
      ['date', ...FIGURES_HEADER, 'chat_conversations', 'email_conversations', 'phone_conversations'],
      [...r.days, { date: 'total', ...r.totals }].map((d) => [d.date, ...figures(d), d.byChannel.chat, d.byChannel.email, d.byChannel.phone]),
    ),
  channels: (r) => csvDocument(['channel', ...FIGURES_HEADER], r.channels.map((c) => [c.channel, ...figures(c)])),
  agents: (r) =>
    csvDocument(
      ['agent_id', 'agent', ...PEOPLE_HEADER],
      r.agents.map((a) => [a.agentId, a.name, a.assigned, a.resolved, ...duration(a.firstResponse), ...duration(a.resolution), ...csat(a.csat)]),
    ),
  teams: (r) =>
    csvDocument(
      ['team_id', 'team', 'conversations', ...PEOPLE_HEADER],
      r.teams.map((t) => [t.teamId, t.name, t.conversations, t.assigned, t.resolved, ...duration(t.firstResponse), ...duration(t.resolution), ...csat(t.csat)]),
    ),
};

/** The CSV text of one table of a report. */
export function reportCsv(report: Report, table: ReportTable): string {
  return builders[table](report);
}

/** `hilo-agents-2026-11-01-to-2026-11-30.csv` */
export function reportCsvFilename(report: Report, table: ReportTable): string {
  return `hilo-${table}-${report.query.from}-to-${report.query.to}.csv`;
}
