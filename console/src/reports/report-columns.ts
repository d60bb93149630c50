import type { Channel, CsatStats, DurationStats, ReportAgent, ReportChannel, ReportTeam } from '@hilo/shared';
import type { Column } from './FiguresTable';
import { formatCount, formatDuration, formatPercent } from './report-format';

/** The columns of the channel, agent and team tables. */

export const CHANNEL_LABELS: Record<Channel, string> = { chat: 'Chat', email: 'Email', phone: 'Phone' };

const csat = (c: CsatStats) => (c.good + c.bad === 0 ? '—' : `${formatPercent(c.goodRate)} (${c.good + c.bad})`);
const median = (d: DurationStats) => formatDuration(d.medianMs);
const p90 = (d: DurationStats) => formatDuration(d.p90Ms);

type People = ReportAgent | ReportTeam;
const peopleColumns: Array<Column<People>> = [
  { label: 'Assigned', value: (r) => formatCount(r.assigned), numeric: true },
  { label: 'Resolved', value: (r) => formatCount(r.resolved), numeric: true },
  { label: 'First response (median)', value: (r) => median(r.firstResponse), numeric: true },
  { label: 'Resolution (median)', value: (r) => median(r.resolution), numeric: true },
  { label: 'CSAT good', value: (r) => csat(r.csat), numeric: true },
];

export const agentColumns: Array<Column<ReportAgent>> = [{ label: 'Agent', value: (r) => r.name ?? `Former agent (${r.agentId})` }, ...peopleColumns];

export const teamColumns: Array<Column<ReportTeam>> = [
  { label: 'Team', value: (r) => r.name ?? `Deleted team (${r.teamId})` },
  { label: 'Conversations', value: (r) => formatCount(r.conversations), numeric: true },
  ...peopleColumns,
];

export const channelColumns: Array<Column<ReportChannel>> = [
  { label: 'Channel', value: (r) => CHANNEL_LABELS[r.channel] },
  { label: 'Conversations', value: (r) => formatCount(r.conversations), numeric: true },
  { label: 'Resolved', value: (r) => formatCount(r.resolved), numeric: true },
  { label: 'First response (median / p90)', value: (r) => `${median(r.firstResponse)} / ${p90(r.firstResponse)}`, numeric: true },
  { label: 'Resolution (median / p90)', value: (r) => `${median(r.resolution)} / ${p90(r.resolution)}`, numeric: true },
  { label: 'CSAT good', value: (r) => csat(r.csat), numeric: true },
  { label: 'Missed', value: (r) => (r.channel === 'chat' ? formatCount(r.missed) : '—'), numeric: true },
  { label: 'Bot deflection', value: (r) => (r.bot.answered ? `${formatPercent(r.bot.deflectionRate)} of ${r.bot.answered}` : '—'), numeric: true },
];
