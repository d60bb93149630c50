import { REPORT_TABLES, reportQuerySchema } from '@hilo/shared';
import type { Request } from 'express';
import { Router } from 'express';
import { z } from 'zod';
import type { AuthService } from '../../domain/auth-service.js';
import type { ReportService } from '../../domain/reports/report-service.js';
import { signedInAgent } from './signed-in-agent.js';

const tableSchema = z.enum(REPORT_TABLES);

/** Query-string fields as the schema wants them: an empty filter (`channel=`) means no filter. */
function queryOf(req: Request) {
  const raw = Object.fromEntries(Object.entries(req.query).filter(([, value]) => value !== ''));
  return reportQuerySchema.parse(raw);
}

/**
 * `/api/reports` (agent session cookie, any role):
 * - `GET /?from&to&tz&channel&agentId&teamId` → the report as JSON;
 * - `GET /export/<daily|channels|agents|teams>.csv?…` → that table as a CSV attachment.
 */
export function createReportRoutes({ auth, reports }: { auth: AuthService; reports: ReportService }): Router {
  const router = Router();
  const agentOf = (req: Request) => signedInAgent(auth, req);
  router.get('/', async (req, res) => {
    const agent = await agentOf(req);
    res.set('Cache-Control', 'no-store').json(await reports.report(agent.siteId, queryOf(req)));
  });
  router.get('/export/:table.csv', async (req, res) => {
    const agent = await agentOf(req);
    const table = tableSchema.parse(req.params.table);
    const { filename, body } = await reports.csv(agent.siteId, table, queryOf(req));
    res
      .set({ 'Cache-Control': 'no-store', 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"` })
      .send(body);
  });
  return router;
}
