import type { ActivityEvent, Channel, Conversation, Csat, Message, Report, ReportQueryInput } from '@hilo/shared';
import { reportQuerySchema } from '@hilo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeReport } from '../src/domain/reports/compute-report.js';
import { csvCell, csvDocument } from '../src/domain/reports/csv.js';
import { durationStats, nearestRank } from '../src/domain/reports/percentile.js';
import { reportCsv } from '../src/domain/reports/report-csv.js';
import { localDayOf, utcDaysToRead } from '../src/domain/reports/report-days.js';
import { createReportService } from '../src/domain/reports/report-service.js';
import { agentClient, request, signIn, startTestRedis, startTestServer, uuid, visitorClient, whenConnected, whenReady, type TestRedis, type TestServer } from './harness.js';

const SITE = 's_reports';
const MIN = 60_000;
const HOUR = 60 * MIN;
/** An instant in November 2026, UTC. */
const T = (day: number, hour: number, minute = 0, second = 0) => Date.UTC(2026, 10, day, hour, minute, second);

/**
 * Writes events the way the services do: every event carries the conversation's holder and team at
 * that moment (first responses name the responder), resolutions know whether a human replied.
 */
function history() {
  const events: ActivityEvent[] = [];
  let n = 0;
  const conversation = (conversationId: string, channel: Channel, createdAt: number, teamId: string | null = null) => {
    const state = { agentId: null as string | null, teamId, humanReplied: false };
    const facts = () => ({ id: `ev${++n}`, siteId: SITE, conversationId, channel, contactId: `k-${conversationId}`, agentId: state.agentId, teamId: state.teamId });
    events.push({ ...facts(), type: 'conversation.created', at: createdAt });
    const c = {
      assign(agentId: string, teamId: string | null, at: number) {
        state.agentId = agentId;
        state.teamId = teamId;
        events.push({ ...facts(), type: 'conversation.assigned', at });
        return c;
      },
      firstResponse(agentId: string, at: number) {
        state.humanReplied = true;
        events.push({ ...facts(), type: 'conversation.first_response', agentId, createdAt, at });
        return c;
      },
      resolve(by: 'agent' | 'bot' | 'api', at: number) {
        events.push({ ...facts(), type: 'conversation.resolved', createdAt, by, humanReplied: state.humanReplied, at });
        return c;
      },
      reopen(at: number) {
        events.push({ ...facts(), type: 'conversation.reopened', at });
        return c;
      },
      missed(at: number) {
        events.push({ ...facts(), type: 'conversation.missed', at });
        return c;
      },
      rate(rating: 'good' | 'bad', at: number) {
        events.push({ ...facts(), type: 'csat.received', rating, comment: null, at });
        return c;
      },
      botAnswer(at: number) {
        events.push({ ...facts(), type: 'bot.answered', articleId: 'kb1', at });
        return c;
      },
      handoff(at: number) {
        events.push({ ...facts(), type: 'bot.handoff', at });
        return c;
      },
    };
    return c;
  };
  return { events, conversation };
}

/**
 * The fixed history: nine conversations from 2 to 4 November 2026 (UTC), two on the edges of the
 * range. a1 and a2 are agents; t1 (Support) and t2 (Sales) teams.
 */
function fixedHistory(): ActivityEvent[] {
  const h = history();
  h.conversation('c0', 'chat', T(1, 20)); // 2 Nov in Tokyo, 1 Nov in UTC and New York
  h.conversation('c1', 'chat', T(2, 10)).assign('a1', 't1', T(2, 10, 1)).firstResponse('a1', T(2, 10, 2)).resolve('agent', T(2, 11)).rate('good', T(2, 11, 5));
  h.conversation('c2', 'chat', T(2, 12))
    .missed(T(2, 12))
    .assign('a2', 't1', T(2, 12, 30))
    .firstResponse('a2', T(2, 12, 40))
    .resolve('agent', T(2, 14))
    .rate('bad', T(2, 14, 10))
    .rate('good', T(2, 14, 20)); // the latest rating wins
  h.conversation('c8', 'chat', T(2, 3))
    .assign('a1', null, T(2, 3, 5))
    .firstResponse('a1', T(2, 3, 10))
    .resolve('agent', T(2, 4))
    .reopen(T(3, 1))
    .resolve('agent', T(3, 2)); // counted once, with its final resolution (23 h)
  h.conversation('c3', 'email', T(3, 8), 't2').assign('a2', 't2', T(3, 8, 10)).firstResponse('a2', T(3, 9)).resolve('agent', T(3, 18)).rate('bad', T(3, 18, 30));
  h.conversation('c4', 'chat', T(3, 9)).botAnswer(T(3, 9, 0, 5)).resolve('bot', T(3, 9, 2)); // deflected
  h.conversation('c5', 'chat', T(3, 10)).botAnswer(T(3, 10, 0, 5)).handoff(T(3, 10, 1)).assign('a1', 't1', T(3, 10, 2)).firstResponse('a1', T(3, 10, 5)).resolve('agent', T(3, 10, 30));
  h.conversation('c6', 'phone', T(4, 15)).assign('a1', null, T(4, 15)).firstResponse('a1', T(4, 15, 1)).resolve('agent', T(4, 15, 10));
  h.conversation('c7', 'chat', T(4, 23, 30)).assign('a1', 't1', T(4, 23, 31)).resolve('agent', T(4, 23, 50)); // closed unanswered: missed
  h.conversation('c9', 'chat', T(4, 11, 59))
    .botAnswer(T(4, 12))
    .resolve('bot', T(4, 12, 5))
    .reopen(T(4, 12, 10))
    .assign('a2', null, T(4, 12, 14))
    .firstResponse('a2', T(4, 12, 15))
    .resolve('agent', T(4, 12, 30)); // the bot's answer did not hold: not deflected
  h.conversation('c10', 'email', T(5, 3)); // 4 Nov in New York, 5 Nov in UTC
  h.events.push({ id: 'ev-contact', siteId: SITE, type: 'contact.updated', contactId: 'k1', at: T(3, 12) });
  return h.events;
}

const query = (input: Partial<ReportQueryInput> = {}) => reportQuerySchema.parse({ from: '2026-11-02', to: '2026-11-04', ...input });
const stats = (count: number, medianMs: number | null, p90Ms: number | null) => ({ count, medianMs, p90Ms });

describe('nearest-rank percentiles', () => {
  it('picks the sample at rank ceil(p/100 * n)', () => {
    expect(nearestRank([], 50)).toBeNull();
    expect(nearestRank([7], 50)).toBe(7);
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([1, 2, 3, 4], 50)).toBe(2);
    expect(nearestRank([1, 2, 3, 4], 90)).toBe(4);
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRank(ten, 50)).toBe(5);
    expect(nearestRank(ten, 90)).toBe(9);
    expect(nearestRank(ten, 91)).toBe(10);
    expect(nearestRank(ten, 0)).toBe(1);
    expect(nearestRank(ten, 100)).toBe(10);
  });

  it('sorts the samples first', () => {
    expect(durationStats([30, 10, 20])).toEqual(stats(3, 20, 30));
    expect(durationStats([])).toEqual(stats(0, null, null));
  });
});

describe('days', () => {
  it('reads one extra UTC day on each side and maps instants to local days', () => {
    expect(utcDaysToRead('2026-11-02', '2026-11-04')).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05']);
    expect(utcDaysToRead('2026-12-31', '2027-01-01')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(localDayOf('Pacific/Kiritimati')(T(4, 10))).toBe('2026-11-05'); // UTC+14
    expect(localDayOf('Pacific/Pago_Pago')(T(4, 10))).toBe('2026-11-03'); // UTC-11
    // Europe/Madrid leaves summer time on 25 October 2026 at 01:00 UTC.
    const madrid = localDayOf('Europe/Madrid');
    expect(madrid(Date.UTC(2026, 9, 24, 22, 30))).toBe('2026-10-25');
    expect(madrid(Date.UTC(2026, 9, 25, 22, 30))).toBe('2026-10-25');
    expect(madrid(Date.UTC(2026, 9, 25, 23, 0))).toBe('2026-10-26');
  });
});

describe('report figures on a fixed event history', () => {
  const report = computeReport(fixedHistory(), query());

  it('counts conversations per day, per channel and in total', () => {
    expect(report.days.map((d) => [d.date, d.conversations, d.byChannel])).toEqual([
      ['2026-11-02', 3, { chat: 3, email: 0, phone: 0 }],
      ['2026-11-03', 3, { chat: 2, email: 1, phone: 0 }],
      ['2026-11-04', 3, { chat: 2, email: 0, phone: 1 }],
    ]);
    expect(report.totals.conversations).toBe(9);
    expect(report.totals.byChannel).toEqual({ chat: 7, email: 1, phone: 1 });
    expect(report.channels.map((c) => [c.channel, c.conversations, c.resolved])).toEqual([
      ['chat', 7, 7],
      ['email', 1, 1],
      ['phone', 1, 1],
    ]);
  });

  it('computes first response and resolution times (median and p90)', () => {
    expect(report.totals.firstResponse).toEqual(stats(7, 10 * MIN, HOUR));
    expect(report.days.map((d) => d.firstResponse)).toEqual([stats(3, 10 * MIN, 40 * MIN), stats(2, 5 * MIN, HOUR), stats(2, MIN, 16 * MIN)]);
    expect(report.totals.resolved).toBe(9);
    expect(report.totals.resolution).toEqual(stats(9, 31 * MIN, 23 * HOUR));
    expect(report.days.map((d) => [d.resolved, d.resolution])).toEqual([
      [2, stats(2, HOUR, 2 * HOUR)],
      [4, stats(4, 30 * MIN, 23 * HOUR)],
      [3, stats(3, 20 * MIN, 31 * MIN)],
    ]);
    const [chat, email, phone] = report.channels;
    expect(chat?.firstResponse).toEqual(stats(5, 10 * MIN, 40 * MIN));
    expect(chat?.resolution).toEqual(stats(7, 31 * MIN, 23 * HOUR));
    expect(email?.firstResponse).toEqual(stats(1, HOUR, HOUR));
    expect(email?.resolution).toEqual(stats(1, 10 * HOUR, 10 * HOUR));
    expect(phone?.firstResponse).toEqual(stats(1, MIN, MIN));
    expect(phone?.resolution).toEqual(stats(1, 10 * MIN, 10 * MIN));
  });

  it('counts CSAT (latest rating wins), missed chats and bot deflection', () => {
    expect(report.totals.csat).toEqual({ good: 2, bad: 1, goodRate: 2 / 3 });
    expect(report.days.map((d) => d.csat)).toEqual([
      { good: 2, bad: 0, goodRate: 1 },
      { good: 0, bad: 1, goodRate: 0 },
      { good: 0, bad: 0, goodRate: null },
    ]);
    expect(report.totals.missed).toBe(2);
    expect(report.days.map((d) => d.missed)).toEqual([1, 0, 1]);
    expect(report.channels.map((c) => c.missed)).toEqual([2, 0, 0]);
    expect(report.totals.bot).toEqual({ answered: 3, deflected: 1, handoffs: 1, deflectionRate: 1 / 3 });
    expect(report.days.map((d) => d.bot)).toEqual([
      { answered: 0, deflected: 0, handoffs: 0, deflectionRate: null },
      { answered: 2, deflected: 1, handoffs: 1, deflectionRate: 0.5 },
      { answered: 1, deflected: 0, handoffs: 0, deflectionRate: 0 },
    ]);
  });

  it('breaks the range down per agent and per team', () => {
    expect(report.agents).toEqual([
      { agentId: 'a1', name: null, assigned: 5, resolved: 5, firstResponse: stats(4, 2 * MIN, 10 * MIN), resolution: stats(5, 30 * MIN, 23 * HOUR), csat: { good: 1, bad: 0, goodRate: 1 } },
      { agentId: 'a2', name: null, assigned: 3, resolved: 3, firstResponse: stats(3, 40 * MIN, HOUR), resolution: stats(3, 2 * HOUR, 10 * HOUR), csat: { good: 1, bad: 1, goodRate: 0.5 } },
    ]);
    expect(report.teams).toEqual([
      { teamId: 't1', name: null, conversations: 4, assigned: 4, resolved: 4, firstResponse: stats(3, 5 * MIN, 40 * MIN), resolution: stats(4, 30 * MIN, 2 * HOUR), csat: { good: 2, bad: 0, goodRate: 1 } },
      { teamId: 't2', name: null, conversations: 1, assigned: 1, resolved: 1, firstResponse: stats(1, HOUR, HOUR), resolution: stats(1, 10 * HOUR, 10 * HOUR), csat: { good: 0, bad: 1, goodRate: 0 } },
    ]);
  });

  it('does not depend on the order events arrive in', () => {
    expect(computeReport([...fixedHistory()].reverse(), query())).toEqual(report);
  });

  it('counts days in the requested time zone', () => {
    const newYork = computeReport(fixedHistory(), query({ tz: 'America/New_York' }));
    // c8 began on 1 Nov in New York; c10 arrived on the evening of 4 Nov there.
    expect(newYork.days.map((d) => [d.date, d.conversations])).toEqual([
      ['2026-11-02', 2],
      ['2026-11-03', 3],
      ['2026-11-04', 4],
    ]);
    expect(newYork.totals.byChannel).toEqual({ chat: 6, email: 2, phone: 1 });
    // c8's reopen and final resolution fell on 2 Nov (21:00) in New York; its first reply did not count.
    expect(newYork.days[0]?.resolved).toBe(3);
    expect(newYork.totals.firstResponse.count).toBe(6);

    const tokyo = computeReport(fixedHistory(), query({ tz: 'Asia/Tokyo' }));
    expect(tokyo.days.map((d) => [d.date, d.conversations])).toEqual([
      ['2026-11-02', 4],
      ['2026-11-03', 3],
      ['2026-11-04', 1],
    ]);
    expect(tokyo.totals.missed).toBe(1); // c7's unanswered close was on 5 Nov in Tokyo
  });

  it('filters by channel, agent and team (conversations the filter selects)', () => {
    const email = computeReport(fixedHistory(), query({ channel: 'email' }));
    expect(email.totals).toMatchObject({ conversations: 1, byChannel: { chat: 0, email: 1, phone: 0 }, firstResponse: stats(1, HOUR, HOUR), missed: 0 });
    expect(email.agents.map((a) => a.agentId)).toEqual(['a2']);

    const a2 = computeReport(fixedHistory(), query({ agentId: 'a2' }));
    expect(a2.totals).toMatchObject({ conversations: 3, resolved: 3, firstResponse: stats(3, 40 * MIN, HOUR), missed: 1, bot: { answered: 1, deflected: 0 } });

    const supportChats = computeReport(fixedHistory(), query({ teamId: 't1', channel: 'chat' }));
    expect(supportChats.totals).toMatchObject({ conversations: 4, resolved: 4, csat: { good: 2, bad: 0 }, missed: 2 });
    expect(computeReport(fixedHistory(), query({ teamId: 't1', channel: 'phone' })).totals.conversations).toBe(0);
  });

  it('gives an empty range zeros and nulls, one entry per day', () => {
    const empty = computeReport(fixedHistory(), query({ from: '2026-12-01', to: '2026-12-31' }));
    expect(empty.days).toHaveLength(31);
    expect(empty.totals).toEqual({
      conversations: 0,
      byChannel: { chat: 0, email: 0, phone: 0 },
      resolved: 0,
      firstResponse: stats(0, null, null),
      resolution: stats(0, null, null),
      csat: { good: 0, bad: 0, goodRate: null },
      missed: 0,
      bot: { answered: 0, deflected: 0, handoffs: 0, deflectionRate: null },
    });
    expect(empty.agents).toEqual([]);
  });
});

describe('report service', () => {
  const requested: string[][] = [];
  const service = createReportService({
    activity: {
      async days(_siteId, days) {
        requested.push(days);
        // Another site's event in the same days must not count.
        return [...fixedHistory(), { id: 'x', siteId: 'other', type: 'conversation.created', conversationId: 'cx', channel: 'chat', contactId: null, agentId: null, teamId: null, at: T(3, 9) }];
      },
    },
    agents: {
      async findById(id) {
        const names: Record<string, string> = { a1: 'Marta, "the fast one"', a2: '=HYPERLINK("http://evil.example")' };
        const name = names[id];
        return name ? { id, siteId: SITE, email: `${id}@x.test`, name, role: 'agent', passwordHash: '', createdAt: 0 } : null;
      },
    },
    teams: async () => [{ id: 't1', name: 'Support', memberIds: [] }],
  });

  it('reads the UTC days around the range, names agents and teams, and sorts by name', async () => {
    const report = await service.report(SITE, query());
    expect(requested.at(-1)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05']);
    expect(report.totals.conversations).toBe(9);
    expect(report.agents.map((a) => [a.agentId, a.name])).toEqual([
      ['a2', '=HYPERLINK("http://evil.example")'],
      ['a1', 'Marta, "the fast one"'],
    ]);
    // A team that no longer exists keeps its row, unnamed, last.
    expect(report.teams.map((t) => [t.teamId, t.name])).toEqual([
      ['t1', 'Support'],
      ['t2', null],
    ]);
  });

  it('exports each table as CSV with safe cells', async () => {
    const agents = await service.csv(SITE, 'agents', query());
    expect(agents.filename).toBe('hilo-agents-2026-11-02-to-2026-11-04.csv');
    const lines = agents.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'agent_id,agent,assigned,resolved,first_response_count,first_response_median_seconds,first_response_p90_seconds,resolution_count,resolution_median_seconds,resolution_p90_seconds,csat_good,csat_bad,csat_good_percent',
    );
    expect(lines[1]).toBe(`a2,"'=HYPERLINK(""http://evil.example"")",3,3,3,2400,3600,3,7200,36000,1,1,50`);
    expect(lines[2]).toBe('a1,"Marta, ""the fast one""",5,5,4,120,600,5,1800,82800,1,0,100');
    expect(lines.at(-1)).toBe('');

    const daily = (await service.csv(SITE, 'daily', query())).body.split('\r\n');
    expect(daily[0]).toMatch(/^\uFEFFdate,conversations,resolved,first_response_count,/);
    // 3 Nov: 3 created, 4 resolved; FRT 5 min / 60 min; resolution 30 min / 23 h; CSAT 0/1; bot 2 answered, 1 deflected.
    expect(daily[2]).toBe('2026-11-03,3,4,2,300,3600,4,1800,82800,0,1,0,0,2,1,50,1,2,1,0');
    expect(daily[4]).toBe('total,9,9,7,600,3600,9,1860,82800,2,1,66.7,2,3,1,33.3,1,7,1,1');
    const channels = (await service.csv(SITE, 'channels', query())).body.split('\r\n');
    expect(channels[3]).toBe('phone,1,1,1,60,60,1,600,600,0,0,,0,0,0,,0');
    const teams = (await service.csv(SITE, 'teams', query())).body.split('\r\n');
    expect(teams[1]).toBe('t1,Support,4,4,4,3,300,2400,4,1800,7200,2,0,100');
    expect(teams[2]).toBe('t2,,1,1,1,1,3600,3600,1,36000,36000,0,1,0');
  });
});

describe('CSV escaping', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
    expect(csvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvCell('+34 600')).toBe("'+34 600");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell(null)).toBe('');
    expect(csvDocument(['x', 'y'], [['1,0', 2]])).toBe('\uFEFFx,y\r\n"1,0",2\r\n');
  });

  it('writes every table of a report', () => {
    const report = computeReport(fixedHistory(), query());
    for (const table of ['daily', 'channels', 'agents', 'teams'] as const) expect(reportCsv(report, table)).toMatch(/^\uFEFF[a-z_]+,/);
  });
});

describe('/api/reports', () => {
  let redis: TestRedis;
  let server: TestServer;
  let cookie: string;
  const sockets: Array<{ disconnect(): void }> = [];
  const today = () => new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    redis = await startTestRedis();
    server = await startTestServer(redis.url);
    cookie = await signIn(server.url);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await server.close();
    await redis.dispose();
  });

  const get = (path: string, withCookie = true) => fetch(`${server.url}${path}`, { headers: withCookie ? { cookie } : {} });

  it('reports a real conversation: written, answered, resolved and rated', async () => {
    const desk = agentClient(server.url, cookie);
    sockets.push(desk);
    await whenConnected(desk);
    const shopper = visitorClient(server.url, { siteKey: server.site.publicKey });
    sockets.push(shopper);
    await whenReady(shopper);

    const first = await request<Message>(shopper, 'message:send', { clientId: uuid(), text: 'Do you ship to Lisbon?' });
    if (!first.ok) throw new Error('send failed');
    const { conversationId } = first.data;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((await request<Message>(desk, 'message:send', { conversationId, clientId: uuid(), text: 'We do, in 3 days.' })).ok).toBe(true);
    const resolved = await request<Conversation>(desk, 'conversation:resolve', { conversationId });
    if (!resolved.ok) throw new Error('resolve failed');
    expect((await request<Csat>(shopper, 'conversation:rate', { rating: 'good' })).ok).toBe(true);
    const { createdAt, firstResponseAt, resolvedAt } = resolved.data;
    if (firstResponseAt === null || resolvedAt === null) throw new Error('missing timestamps');

    const day = today();
    let report: Report | undefined;
    await expect
      .poll(async () => {
        report = (await (await get(`/api/reports?from=${day}&to=${day}`)).json()) as Report;
        return report.totals.csat.good;
      })
      .toBe(1);
    expect(report?.totals).toMatchObject({
      conversations: 1,
      byChannel: { chat: 1, email: 0, phone: 0 },
      resolved: 1,
      firstResponse: stats(1, firstResponseAt - createdAt, firstResponseAt - createdAt),
      resolution: stats(1, resolvedAt - createdAt, resolvedAt - createdAt),
      csat: { good: 1, bad: 0, goodRate: 1 },
      missed: 0,
    });
    expect(firstResponseAt - createdAt).toBeGreaterThanOrEqual(30);
    expect(report?.agents).toEqual([expect.objectContaining({ name: 'Alex Admin', resolved: 1, csat: { good: 1, bad: 0, goodRate: 1 } })]);
    expect(report?.query).toEqual({ from: day, to: day, tz: 'UTC' });

    // Madrid's calendar day, which is already tomorrow from 23:00 UTC (this test failed in that hour).
    const madridDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid' }).format(new Date(createdAt));
    const csv = await get(`/api/reports/export/agents.csv?from=${madridDay}&to=${madridDay}&tz=Europe%2FMadrid&channel=`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="hilo-agents-${madridDay}-to-${madridDay}.csv"`);
    expect((await csv.text()).split('\r\n')[1]).toMatch(/^a_[^,]+,Alex Admin,\d,1,1,/);

    const emailOnly = (await (await get(`/api/reports?from=${day}&to=${day}&channel=email`)).json()) as Report;
    expect(emailOnly.totals.conversations).toBe(0);
  });

  it('refuses bad queries with 400 and strangers with 401', async () => {
    for (const qs of [
      'from=2026-11-31&to=2026-12-01',
      'from=2026-11-01',
      'from=yesterday&to=today',
      'from=2026-11-05&to=2026-11-01',
      'from=2025-01-01&to=2026-01-02',
      'from=2026-11-01&to=2026-11-02&tz=Mars%2FOlympus',
      'from=2026-11-01&to=2026-11-02&channel=fax',
      'from=2026-11-01&to=2026-11-02&agentId=a%20b',
      'from=2026-11-01&from=2026-11-02&to=2026-11-03',
    ]) {
      const res = await get(`/api/reports?${qs}`);
      expect(res.status, qs).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    }
    expect((await get('/api/reports?from=2025-01-01&to=2025-12-31')).status).toBe(200); // 365 days
    expect((await get('/api/reports?from=2024-01-01&to=2024-12-31')).status).toBe(200); // 366 days
    expect((await get('/api/reports/export/secrets.csv?from=2026-11-01&to=2026-11-02')).status).toBe(400);
    expect((await get('/api/reports?from=2026-11-01&to=2026-11-02', false)).status).toBe(401);
    expect((await get('/api/reports/export/daily.csv?from=2026-11-01&to=2026-11-02', false)).status).toBe(401);
  });
});
