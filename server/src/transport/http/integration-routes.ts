import { createHash } from 'node:crypto';
import { callRecordSchema, inboundEmailWebhookSchema } from '@hilo/shared';
import type { Request } from 'express';
import { Router } from 'express';
import { fromWebhook } from '../../channels/email/parse-email.js';
import { DomainError } from '../../domain/errors.js';
import type { EmailService } from '../../domain/email-service.js';
import type { Site, SiteRepository } from '../../domain/ports.js';
import type { TimelineService } from '../../domain/timeline-service.js';

export interface IntegrationRouteDeps {
  sites: SiteRepository;
  timeline: TimelineService;
  email: EmailService;
}

/** Telephony systems and mail providers authenticate with the site's integration token (Bearer). */
async function siteOf(req: Request, sites: SiteRepository): Promise<Site> {
  const header = req.get('authorization') ?? '';
  const match = /^Bearer\s+(\S{1,200})$/i.exec(header);
  if (!match?.[1]) throw new DomainError('unauthorized', 'Send the integration token as "Authorization: Bearer <token>"');
  const site = await sites.findByIntegrationToken(createHash('sha256').update(match[1]).digest('base64url'));
  if (!site) throw new DomainError('unauthorized', 'Unknown integration token');
  return site;
}

export function createIntegrationRoutes({ sites, timeline, email }: IntegrationRouteDeps): Router {
  const router = Router();

  router.post('/calls', async (req, res) => {
    const site = await siteOf(req, sites);
    const call = await timeline.recordCall(site, callRecordSchema.parse(req.body));
    res.status(201).json({ call });
  });

  router.post('/email/inbound', async (req, res) => {
    const site = await siteOf(req, sites);
    const body = inboundEmailWebhookSchema.parse(req.body);
    const inbound = fromWebhook(body);
    // A token only speaks for its own site: every Hilo recipient must belong to it.
    const recipients = [...inbound.to, ...inbound.cc].map((a) => a.address);
    const accepted = [];
    for (const address of recipients) if (await email.accepts(address, site.id)) accepted.push(address);
    if (!accepted.length) throw new DomainError('not_found', `None of the recipients is an address of site ${site.name}`);
    const message = await email.receive(inbound, accepted);
    res.status(201).json({ conversationId: message.conversationId, messageId: message.id });
  });

  return router;
}
