import { z } from 'zod';
import { CHANNELS, idSchema, type Channel } from './domain.js';
import { isTimeZone } from './time-zone.js';

/**
 * Reports (issue 7): figures computed only from recorded activity events (`activity.ts`), never from
 * the live conversation hashes, so a figure for a past day does not change when a conversation does.
 *
 * Served as JSON by `GET /api/reports?from&to&tz&channel&agentId&teamId` and as CSV, one file per
 * table, by `GET /api/reports/export/<table>.csv?…` (agent session cookie, any role).
 *
 * How every figure is made:
 * - **Day.** Each event counts on the calendar day its `at` falls on in the query's time zone `tz`;
 *   only events whose day lies in `from`…`to` (inclusive) count at all.
 * - **Filters select conversations.** `channel`: conversations on that channel. `agentId` / `teamId`:
 *   conversations with at least one counted event naming that agent / team (assigned, first responder,
 *   holder at resolution or at rating). Every figure is then computed over the selected conversations.
 * - **Percentiles** use the nearest-rank method: of n sorted samples, the p-th percentile is the
 *   sample at rank ⌈p/100 · n⌉ (1-based). So the median of [1, 2, 3, 4] is 2, and its p90 is 4.
 * - Durations are in milliseconds; rates are fractions from 0 to 1 (null when there is nothing to
 *   divide by).
 */

/** Longest range one report may cover, in days. */
export const REPORT_MAX_DAYS = 366;

/** The tables a report holds; each one downloads as CSV. */
export const REPORT_TABLES = ['daily', 'channels', 'agents', 'teams'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date, or NaN when it is not a real calendar date. */
export function dayNumber(day: string): number {
  const at = Date.parse(`${day}T00:00:00Z`);
  if (!Number.isFinite(at) || new Date(at).toISOString().slice(0, 10) !== day) return Number.NaN;
  return at / DAY_MS;
}


const reportDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((day) => Number.isFinite(dayNumber(day)), 'must be a real calendar date');

export const reportQuerySchema = z
  .object({
    /** First day of the range, `YYYY-MM-DD`, in `tz`. */
    from: reportDaySchema,
    /** Last day of the range (inclusive), `YYYY-MM-DD`, in `tz`. */
    to: reportDaySchema,
    /** IANA time zone the days are counted in, e.g. `Europe/Madrid`. */
    tz: z.string().min(1).max(64).refine(isTimeZone, 'must be an IANA time zone').default('UTC'),
    channel: z.enum(CHANNELS).optional(),
    agentId: idSchema.optional(),
    teamId: idSchema.optional(),
  })
  .superRefine((q, ctx) => {
    const span = dayNumber(q.to) - dayNumber(q.from) + 1;
    if (span < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (span > REPORT_MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `the range must be at most ${REPORT_MAX_DAYS} days` });
  });
export type ReportQuery = z.output<typeof reportQuerySchema>;
export type ReportQueryInput = z.input<typeof reportQuerySchema>;

/** Durations of a set of samples (ms). `medianMs` and `p90Ms` are nearest-rank; null when `count` is 0. */
export interface DurationStats {
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
}

/**
 * Satisfaction: the latest rating of each conversation (a later rating replaces an earlier one),
 * counted on the day of that rating. `goodRate` = good ÷ (good + bad); null with no ratings.
 */
export interface CsatStats {
  good: number;
  bad: number;
  goodRate: number | null;
}

/**
 * The answer bot. `answered`: distinct conversations with a `bot.answered` event (counted on the day
 * of the first one). `deflected`: of those, the ones whose latest resolution in the range was by
 * `'bot'` without any human reply (counted on the same day as `answered`). `deflectionRate` =
 * deflected ÷ answered; null when the bot answered nothing. `handoffs`: distinct conversations where
 * the shopper asked for a person (`bot.handoff`, counted on the day of the first one).
 */
export interface BotStats {
  answered: number;
  deflected: number;
  handoffs: number;
  deflectionRate: number | null;
}

/** The figures every breakdown (whole range, one day, one channel) shares. */
export interface ReportFigures {
  /** Conversations created (`conversation.created`), counted on their creation day. */
  conversations: number;
  /** Conversations resolved: one per conversation, on the day of its latest resolution in the range. */
  resolved: number;
  /**
   * First response time: `at − createdAt` of each `conversation.first_response` (the first agent
   * reply), counted on the day of that reply.
   */
  firstResponse: DurationStats;
  /**
   * Resolution time: `at − createdAt` of each conversation's latest `conversation.resolved` in the
   * range (a reopened and resolved-again conversation counts once, with its final resolution).
   */
  resolution: DurationStats;
  csat: CsatStats;
  /**
   * Missed chats: distinct chat conversations that had a `conversation.missed` event (a shopper wrote
   * while no agent was online) or were resolved with no human reply other than by the bot; counted on
   * the day of the first such event. Always 0 for email and phone.
   */
  missed: number;
  bot: BotStats;
}

/** The whole range, with conversations created per channel. */
export interface ReportTotals extends ReportFigures {
  byChannel: Record<Channel, number>;
}

/** One day of the range (every day is present, also those without activity). */
export interface ReportDay extends ReportTotals {
  /** `YYYY-MM-DD` in the query's time zone. */
  date: string;
}

export interface ReportChannel extends ReportFigures {
  channel: Channel;
}

/**
 * One agent over the range. `assigned`: distinct conversations assigned to them. `resolved` and
 * `resolution`: conversations they held at their latest resolution. `firstResponse`: replies where
 * they were the first to answer. `csat`: ratings of conversations they held when rated.
 */
export interface ReportAgent {
  agentId: string;
  /** Null when the agent no longer exists. */
  name: string | null;
  assigned: number;
  resolved: number;
  firstResponse: DurationStats;
  resolution: DurationStats;
  csat: CsatStats;
}

/**
 * One team over the range, attributed by the `teamId` each event carries. `conversations`: distinct
 * conversations with any counted event naming the team; the other figures as for agents.
 */
export interface ReportTeam {
  teamId: string;
  /** Null when the team no longer exists. */
  name: string | null;
  conversations: number;
  assigned: number;
  resolved: number;
  firstResponse: DurationStats;
  resolution: DurationStats;
  csat: CsatStats;
}

export interface Report {
  /** The query as the server understood it (defaults filled in). */
  query: ReportQuery;
  totals: ReportTotals;
  /** Every day from `from` to `to`, in order. */
  days: ReportDay[];
  /** Every channel, in `CHANNELS` order. */
  channels: ReportChannel[];
  /** Agents with any figure in the range, by name. */
  agents: ReportAgent[];
  /** Teams with any figure in the range, by name. */
  teams: ReportTeam[];
}
