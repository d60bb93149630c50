import type { DurationStats, Report, ReportDay, ReportQuery } from '@hilo/shared';

/** A small report as the server would send it, for the Reports screen's tests. */

const none: DurationStats = { count: 0, medianMs: null, p90Ms: null };
const emptyDay = (date: string): ReportDay => ({
  date,
  conversations: 0,
  byChannel: { chat: 0, email: 0, phone: 0 },
  resolved: 0,
  firstResponse: none,
  resolution: none,
  csat: { good: 0, bad: 0, goodRate: null },
  missed: 0,
  bot: { answered: 0, deflected: 0, handoffs: 0, deflectionRate: null },
});

export function emptyReport(query: ReportQuery): Report {
  const { date: _date, ...totals } = emptyDay(query.from);
  return {
    query,
    totals,
    days: [emptyDay(query.from)],
    channels: (['chat', 'email', 'phone'] as const).map((channel) => {
      const { date: _d, byChannel: _b, ...figures } = emptyDay(query.from);
      return { channel, ...figures };
    }),
    agents: [],
    teams: [],
  };
}

export function sampleReport(query: ReportQuery): Report {
  const base = emptyReport(query);
  const day1: ReportDay = {
    ...emptyDay('2026-11-21'),
    conversations: 3,
    byChannel: { chat: 2, email: 1, phone: 0 },
    resolved: 2,
    firstResponse: { count: 2, medianMs: 90_000, p90Ms: 600_000 },
    resolution: { count: 2, medianMs: 1_800_000, p90Ms: 4 * 3_600_000 },
    csat: { good: 3, bad: 1, goodRate: 0.75 },
    missed: 1,
    bot: { answered: 4, deflected: 1, handoffs: 2, deflectionRate: 0.25 },
  };
  const { date: _date, ...totals } = day1;
  return {
    ...base,
    totals,
    days: [day1, emptyDay('2026-11-22')],
    agents: [
      { agentId: 'a1', name: 'Marta Ruiz', assigned: 2, resolved: 2, firstResponse: { count: 2, medianMs: 90_000, p90Ms: 600_000 }, resolution: { count: 2, medianMs: 1_800_000, p90Ms: 1_800_000 }, csat: { good: 3, bad: 1, goodRate: 0.75 } },
      { agentId: 'a_gone', name: null, assigned: 1, resolved: 0, firstResponse: none, resolution: none, csat: { good: 0, bad: 0, goodRate: null } },
    ],
    teams: [{ teamId: 't1', name: 'Support', conversations: 3, assigned: 2, resolved: 2, firstResponse: none, resolution: none, csat: { good: 0, bad: 0, goodRate: null } }],
  };
}
