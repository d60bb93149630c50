import type { ActivityEvent, Channel, Team } from '@hilo/shared';
import { newId } from '../domain/ids.js';
import type { AgentRepository, Site } from '../domain/ports.js';

/**
 * DEMO DATA ONLY. Gives the demo's Reports screen a plausible past: 30 days of recorded activity
 * (conversations on every channel, replies, resolutions, ratings, missed chats, answer-bot
 * deflections) for two demo teams and two demo colleagues of the admin. Written once, on the start
 * that creates the demo site, straight into the activity log; none of these conversations exist in
 * the inbox. The demo colleagues are named records that can never sign in (their password hash is not
 * a hash), so the per-agent table has names to show.
 */

export interface DemoActivityDeps {
  activity: { append(event: ActivityEvent): Promise<void> };
  agents: Pick<AgentRepository, 'create' | 'findByEmail'>;
  teams: { saveTeam(siteId: string, team: Team): Promise<void> };
}

type ConversationEvent = Exclude<ActivityEvent, { type: 'contact.updated' }>;
type Facts = 'id' | 'at' | 'siteId' | 'conversationId' | 'channel' | 'contactId' | 'agentId' | 'teamId';
/** What differs between events of one conversation (the log adds the shared facts). */
type DemoEvent = ConversationEvent extends infer E ? (E extends ConversationEvent ? Omit<E, Facts> : never) : never;

const DAY = 86_400_000;
const MIN = 60_000;
const DAYS = 30;
/** Not a scrypt hash, so `verifyPassword` refuses every password: these accounts cannot sign in. */
const NO_SIGN_IN = 'demo-account-without-sign-in';

/** A small seeded generator (mulberry32), so every demo has the same shape of history. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function demoColleague(agents: DemoActivityDeps['agents'], site: Site, email: string, name: string): Promise<string> {
  const existing = await agents.findByEmail(email);
  if (existing) return existing.id;
  const id = newId('a');
  await agents.create({ id, siteId: site.id, email, name, role: 'agent', passwordHash: NO_SIGN_IN, createdAt: Date.now() });
  return id;
}

/** Records the demo history for the 30 days before `now` (and today up to `now`). */
export async function seedDemoActivity({ activity, agents, teams }: DemoActivityDeps, site: Site, adminEmail: string, now = Date.now()): Promise<void> {
  const admin = await agents.findByEmail(adminEmail);
  const marta = await demoColleague(agents, site, 'marta.demo@hilo.invalid', 'Marta Ruiz (demo)');
  const sam = await demoColleague(agents, site, 'sam.demo@hilo.invalid', 'Sam Lee (demo)');
  // Only the admin is a member: the demo colleagues never open the console, so Settings could not name them.
  const members = admin ? [admin.id] : [];
  const support: Team = { id: newId('t'), name: 'Support', memberIds: members };
  const sales: Team = { id: newId('t'), name: 'Sales', memberIds: members };
  await teams.saveTeam(site.id, support);
  await teams.saveTeam(site.id, sales);
  const people = [marta, marta, sam, ...(admin ? [admin.id] : [])];

  const random = seeded(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const between = (lo: number, hi: number) => lo + random() * (hi - lo);
  /** Right-skewed durations: most are short, a few are long (like real response times). */
  const skewed = (lo: number, hi: number) => Math.round(lo + (hi - lo) * random() ** 2.5);

  const events: ActivityEvent[] = [];
  const startOfToday = Math.floor(now / DAY) * DAY;
  for (let d = DAYS; d >= 0; d--) {
    const dayStart = startOfToday - d * DAY;
    const weekend = [0, 6].includes(new Date(dayStart).getUTCDay());
    const volume: Record<Channel, number> = {
      chat: Math.round(between(weekend ? 4 : 9, weekend ? 8 : 16)),
      email: Math.round(between(weekend ? 1 : 3, weekend ? 3 : 7)),
      phone: Math.round(between(0, weekend ? 1 : 4)),
    };
    for (const channel of ['chat', 'email', 'phone'] as const) {
      for (let i = 0; i < volume[channel]; i++) {
        const createdAt = Math.round(dayStart + between(7, 20) * 60 * MIN);
        if (createdAt > now) continue;
        const conversationId = newId('c');
        const team = channel === 'email' && random() < 0.4 ? sales : support;
        const agentId = team === sales ? sam : pick(people);
        const facts = { siteId: site.id, conversationId, channel, contactId: null, agentId: null as string | null, teamId: null as string | null };
        const push = (at: number, event: DemoEvent) => {
          if (at <= now) events.push({ id: newId('ev'), ...facts, ...event, at } as ActivityEvent);
        };
        push(createdAt, { type: 'conversation.created' });
        let t = createdAt;

        if (channel === 'chat' && random() < 0.3) {
          t += skewed(3_000, 20_000);
          push(t, { type: 'bot.answered', articleId: 'demo-article' });
          if (random() < 0.55) {
            t += skewed(MIN, 6 * MIN);
            push(t, { type: 'conversation.resolved', createdAt, by: 'bot', humanReplied: false });
            continue;
          }
          t += skewed(20_000, 2 * MIN);
          push(t, { type: 'bot.handoff' });
        }
        const missed = channel === 'chat' && random() < 0.08;
        if (missed) push(t + 1_000, { type: 'conversation.missed' });

        facts.agentId = agentId;
        facts.teamId = team.id;
        t += missed ? skewed(20 * MIN, 3 * 60 * MIN) : channel === 'phone' ? 0 : skewed(10_000, 40_000);
        push(t, { type: 'conversation.assigned' });
        if (missed && random() < 0.4) {
          // Nobody got back in time: closed without an answer.
          push(t + skewed(MIN, 10 * MIN), { type: 'conversation.resolved', createdAt, by: 'agent', humanReplied: false });
          continue;
        }
        const firstResponse = channel === 'chat' ? skewed(15_000, 10 * MIN) : channel === 'email' ? skewed(15 * MIN, 9 * 60 * MIN) : skewed(5_000, 60_000);
        t += firstResponse;
        push(t, { type: 'conversation.first_response', createdAt });
        t += channel === 'chat' ? skewed(4 * MIN, 70 * MIN) : channel === 'email' ? skewed(30 * MIN, 30 * 60 * MIN) : skewed(3 * MIN, 20 * MIN);
        push(t, { type: 'conversation.resolved', createdAt, by: 'agent', humanReplied: true });
        if (channel !== 'phone' && random() < 0.45) push(t + skewed(30_000, 30 * MIN), { type: 'csat.received', rating: random() < 0.86 ? 'good' : 'bad', comment: null });
      }
    }
  }
  events.sort((a, b) => a.at - b.at);
  for (const event of events) await activity.append(event);
}
