import type { ActivityEvent, Team } from '@hilo/shared';
import { reportQuerySchema } from '@hilo/shared';
import { describe, expect, it } from 'vitest';
import { seedDemoActivity } from '../src/demo/demo-activity.js';
import { computeReport } from '../src/domain/reports/compute-report.js';
import { verifyPassword } from '../src/domain/password.js';
import type { AgentRecord, Site } from '../src/domain/ports.js';

const site: Site = { id: 's_demo', name: 'Demo', publicKey: 'pk', secret: 'sk', identitySecret: 'ik_sk', allowedOrigins: [], supportEmail: null, createdAt: 0 };

describe('demo activity', () => {
  it('records a plausible 30-day history the report can show, with colleagues who cannot sign in', async () => {
    const now = Date.UTC(2026, 10, 22, 15, 30);
    const events: ActivityEvent[] = [];
    const agents = new Map<string, AgentRecord>([['admin@x.test', { id: 'a_admin', siteId: site.id, email: 'admin@x.test', name: 'Alex Admin', role: 'admin', passwordHash: 'x', createdAt: 0 }]]);
    const teams: Team[] = [];
    await seedDemoActivity(
      {
        activity: { append: async (e) => void events.push(e) },
        agents: {
          findByEmail: async (email) => agents.get(email) ?? null,
          create: async (agent) => {
            agents.set(agent.email, agent);
            return true;
          },
        },
        teams: { saveTeam: async (_siteId, team) => void teams.push(team) },
      },
      site,
      'admin@x.test',
      now,
    );

    expect(events.every((e) => e.at <= now && e.siteId === site.id)).toBe(true);
    expect(teams.map((t) => t.name)).toEqual(['Support', 'Sales']);
    for (const colleague of [...agents.values()].filter((a) => a.role === 'agent')) expect(await verifyPassword('', colleague.passwordHash)).toBe(false);

    const report = computeReport(events, reportQuerySchema.parse({ from: '2026-10-23', to: '2026-11-22' }));
    expect(report.totals.conversations).toBeGreaterThan(300);
    expect(Object.values(report.totals.byChannel).every((n) => n > 0)).toBe(true);
    expect(report.totals.firstResponse.medianMs).toBeGreaterThan(0);
    expect(report.totals.resolution.p90Ms).toBeGreaterThan(report.totals.resolution.medianMs ?? Infinity);
    expect(report.totals.csat.goodRate).toBeGreaterThan(0.6);
    expect(report.totals.missed).toBeGreaterThan(0);
    expect(report.totals.bot.deflectionRate).toBeGreaterThan(0.2);
    expect(report.totals.bot.deflectionRate).toBeLessThan(0.9);
    expect(report.agents).toHaveLength(3);
    expect(report.teams).toHaveLength(2);
  });
});
