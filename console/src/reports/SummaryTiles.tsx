import type { ReportTotals } from '@hilo/shared';
import { formatCount, formatDuration, formatPercent } from './report-format';

interface Tile {
  label: string;
  value: string;
  detail: string;
}

function tilesOf(t: ReportTotals): Tile[] {
  return [
    { label: 'Conversations', value: formatCount(t.conversations), detail: `Chat ${t.byChannel.chat} · Email ${t.byChannel.email} · Phone ${t.byChannel.phone}` },
    { label: 'First response (median)', value: formatDuration(t.firstResponse.medianMs), detail: `p90 ${formatDuration(t.firstResponse.p90Ms)}` },
    { label: 'Resolution (median)', value: formatDuration(t.resolution.medianMs), detail: `p90 ${formatDuration(t.resolution.p90Ms)} · ${formatCount(t.resolved)} resolved` },
    { label: 'CSAT', value: formatPercent(t.csat.goodRate), detail: `${t.csat.good} good · ${t.csat.bad} bad` },
    { label: 'Missed chats', value: formatCount(t.missed), detail: 'unanswered by a person' },
    { label: 'Bot deflection', value: formatPercent(t.bot.deflectionRate), detail: `${t.bot.deflected} of ${t.bot.answered} answered · ${t.bot.handoffs} handoffs` },
  ];
}

/** The range at a glance: one tile per headline figure. */
export function SummaryTiles({ totals }: { totals: ReportTotals }) {
  return (
    <ul class="report-tiles" aria-label="Summary">
      {tilesOf(totals).map((tile) => (
        <li key={tile.label} class="report-tile">
          <span class="report-tile-label">{tile.label}</span>
          <strong class="report-tile-value">{tile.value}</strong>
          <span class="report-tile-detail">{tile.detail}</span>
        </li>
      ))}
    </ul>
  );
}
