import { CHANNELS, type ActivityEvent, type Channel, type Report, type ReportAgent, type ReportFigures, type ReportQuery, type ReportTeam, type ReportTotals } from '@hilo/shared';
import { durationStats } from './percentile.js';
import { daysBetween, localDayOf } from './report-days.js';

/**
 * Report figures from recorded events: a pure function, so a fixed event history gives fixed figures.
 * Each definition is documented on the types in shared/src/reports.ts; this file follows them.
 */

type ConversationEvent = Exclude<ActivityEvent, { type: 'contact.updated' }>;
interface Counted {
  event: ConversationEvent;
  /** Calendar day of the event in the query's time zone. */
  day: string;
}

interface Attributed {
  day: string;
  agentId: string | null;
  teamId: string | null;
}

/** What one conversation contributes to the report, derived from its events in the range. */
interface ConversationFacts {
  channel: Channel;
  createdDay: string | null;
  firstResponse: (Attributed & { ms: number }) | null;
  /** The latest resolution; `deflected`: by the bot with no human reply. */
  resolution: (Attributed & { ms: number; deflected: boolean }) | null;
  csat: (Attributed & { rating: 'good' | 'bad' }) | null;
  missedDay: string | null;
  answeredDay: string | null;
  handoffDay: string | null;
  assignedAgents: Set<string>;
  assignedTeams: Set<string>;
  teams: Set<string>;
}

/** Running counts for one breakdown (the range, a day, a channel, an agent or a team). */
interface Tally {
  conversations: number;
  byChannel: Record<Channel, number>;
  resolved: number;
  frt: number[];
  resolution: number[];
  good: number;
  bad: number;
  missed: number;
  answered: number;
  deflected: number;
  handoffs: number;
  assigned: number;
  touched: number;
}

function emptyTally(): Tally {
  return {
    conversations: 0,
    byChannel: { chat: 0, email: 0, phone: 0 },
    resolved: 0,
    frt: [],
    resolution: [],
    good: 0,
    bad: 0,
    missed: 0,
    answered: 0,
    deflected: 0,
    handoffs: 0,
    assigned: 0,
    touched: 0,
  };
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function figuresOf(t: Tally): ReportFigures {
  return {
    conversations: t.conversations,
    resolved: t.resolved,
    firstResponse: durationStats(t.frt),
    resolution: durationStats(t.resolution),
    csat: { good: t.good, bad: t.bad, goodRate: ratio(t.good, t.good + t.bad) },
    missed: t.missed,
    bot: { answered: t.answered, deflected: t.deflected, handoffs: t.handoffs, deflectionRate: ratio(t.deflected, t.answered) },
  };
}

function totalsOf(t: Tally): ReportTotals {
  return { ...figuresOf(t), byChannel: { ...t.byChannel } };
}

/** Conversations the filters select; null when there are no filters (all of them). */
function selectedConversations(counted: readonly Counted[], query: ReportQuery): Set<string> | null {
  const tests: Array<(e: ConversationEvent) => boolean> = [];
  if (query.channel) tests.push((e) => e.channel === query.channel);
  if (query.agentId) tests.push((e) => e.agentId === query.agentId);
  if (query.teamId) tests.push((e) => e.teamId === query.teamId);
  if (tests.length === 0) return null;
  const matched = tests.map((test) => new Set(counted.filter((c) => test(c.event)).map((c) => c.event.conversationId)));
  const [first, ...rest] = matched;
  return new Set([...(first ?? [])].filter((id) => rest.every((set) => set.has(id))));
}

function factsOf(counted: readonly Counted[]): Map<string, ConversationFacts> {
  const facts = new Map<string, ConversationFacts>();
  for (const { event: e, day } of counted) {
    let f = facts.get(e.conversationId);
    if (!f) {
      f = {
        channel: e.channel,
        createdDay: null,
        firstResponse: null,
        resolution: null,
        csat: null,
        missedDay: null,
        answeredDay: null,
        handoffDay: null,
        assignedAgents: new Set(),
        assignedTeams: new Set(),
        teams: new Set(),
      };
      facts.set(e.conversationId, f);
    }
    if (e.teamId) f.teams.add(e.teamId);
    const who = { day, agentId: e.agentId, teamId: e.teamId };
    switch (e.type) {
      case 'conversation.created':
        f.createdDay ??= day;
        break;
      case 'conversation.first_response':
        f.firstResponse ??= { ...who, ms: e.at - e.createdAt };
        break;
      case 'conversation.assigned':
        if (e.agentId) {
          f.assignedAgents.add(e.agentId);
          if (e.teamId) f.assignedTeams.add(e.teamId);
        }
        break;
      case 'conversation.resolved':
        // Events are in time order, so the last one seen is the latest resolution.
        f.resolution = { ...who, ms: e.at - e.createdAt, deflected: e.by === 'bot' && !e.humanReplied };
        if (e.channel === 'chat' && !e.humanReplied && e.by !== 'bot') f.missedDay ??= day;
        break;
      case 'conversation.missed':
        if (e.channel === 'chat') f.missedDay ??= day;
        break;
      case 'csat.received':
        f.csat = { ...who, rating: e.rating };
        break;
      case 'bot.answered':
        f.answeredDay ??= day;
        break;
      case 'bot.handoff':
        f.handoffDay ??= day;
        break;
      default:
        break;
    }
  }
  return facts;
}

/** Computes the report of `query` from events (any order; days outside the range are ignored). */
export function computeReport(events: readonly ActivityEvent[], query: ReportQuery): Report {
  const dayOf = localDayOf(query.tz);
  const inRange: Counted[] = [];
  for (const event of events) {
    if (event.type === 'contact.updated') continue;
    const day = dayOf(event.at);
    if (day >= query.from && day <= query.to) inRange.push({ event, day });
  }
  // A stable sort: events of the same millisecond keep their recording order.
  inRange.sort((a, b) => a.event.at - b.event.at);
  const selected = selectedConversations(inRange, query);
  const counted = selected ? inRange.filter((c) => selected.has(c.event.conversationId)) : inRange;

  const total = emptyTally();
  const days = new Map(daysBetween(query.from, query.to).map((d) => [d, emptyTally()]));
  const channels = new Map(CHANNELS.map((c) => [c, emptyTally()]));
  const agents = new Map<string, Tally>();
  const teams = new Map<string, Tally>();
  const tallyIn = (map: Map<string, Tally>, id: string): Tally => {
    let t = map.get(id);
    if (!t) map.set(id, (t = emptyTally()));
    return t;
  };
  /** The range, the day and the channel: the three breakdowns every conversation figure goes to. */
  const rangeDayChannel = (day: string, channel: Channel): Tally[] => [total, tallyIn(days, day), tallyIn(channels, channel)];
  /** Plus the agent and the team the event names, when it names them. */
  const withPeople = (a: Attributed, channel: Channel): Tally[] => [
    ...rangeDayChannel(a.day, channel),
    ...(a.agentId ? [tallyIn(agents, a.agentId)] : []),
    ...(a.teamId ? [tallyIn(teams, a.teamId)] : []),
  ];

  for (const f of factsOf(counted).values()) {
    if (f.createdDay) {
      for (const t of rangeDayChannel(f.createdDay, f.channel)) {
        t.conversations++;
        t.byChannel[f.channel]++;
      }
    }
    if (f.firstResponse) for (const t of withPeople(f.firstResponse, f.channel)) t.frt.push(f.firstResponse.ms);
    if (f.resolution) {
      for (const t of withPeople(f.resolution, f.channel)) {
        t.resolved++;
        t.resolution.push(f.resolution.ms);
      }
    }
    if (f.csat) for (const t of withPeople(f.csat, f.channel)) t[f.csat.rating]++;
    if (f.missedDay) for (const t of rangeDayChannel(f.missedDay, f.channel)) t.missed++;
    if (f.answeredDay) {
      for (const t of rangeDayChannel(f.answeredDay, f.channel)) {
        t.answered++;
        if (f.resolution?.deflected) t.deflected++;
      }
    }
    if (f.handoffDay) for (const t of rangeDayChannel(f.handoffDay, f.channel)) t.handoffs++;
    for (const id of f.assignedAgents) tallyIn(agents, id).assigned++;
    for (const id of f.assignedTeams) tallyIn(teams, id).assigned++;
    for (const id of f.teams) tallyIn(teams, id).touched++;
  }

  const byId = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    query,
    totals: totalsOf(total),
    days: [...days.entries()].map(([date, t]) => ({ date, ...totalsOf(t) })),
    channels: CHANNELS.map((channel) => ({ channel, ...figuresOf(channels.get(channel) ?? emptyTally()) })),
    agents: byId(agents).map(([agentId, t]): ReportAgent => {
      const { firstResponse, resolution, csat, resolved } = figuresOf(t);
      return { agentId, name: null, assigned: t.assigned, resolved, firstResponse, resolution, csat };
    }),
    teams: byId(teams).map(([teamId, t]): ReportTeam => {
      const { firstResponse, resolution, csat, resolved } = figuresOf(t);
      return { teamId, name: null, conversations: t.touched, assigned: t.assigned, resolved, firstResponse, resolution, csat };
    }),
  };
}
