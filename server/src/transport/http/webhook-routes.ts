import { webhookCreateSchema, webhookUpdateSchema } from '@hilo/shared';
import type { Request } from 'express';
import { Router } from 'express';
import { z } from 'zod';
import type { AuthService } from '../../domain/auth-service.js';
import type { WebhookService } from '../../domain/webhook-service.js';
import { signedInAgent } from './signed-in-agent.js';

const idParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not an id');
const emptyBody = z.strictObject({});

/**
 * `/api/webhooks`: the console's webhook settings (agent cookie; the service lets only admins in).
 * Create and rotate answer the signing secret, the only time it is shown.
 */
export function createWebhookRoutes({ auth, webhooks }: { auth: AuthService; webhooks: WebhookService }): Router {
  const router = Router();
  const agentOf = (req: Request) => signedInAgent(auth, req);
  const param = (req: Request, name: string) => idParam.parse(req.params[name]);

  router.get('/', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await webhooks.list(await agentOf(req)));
  });
  router.post('/', async (req, res) => {
    const agent = await agentOf(req);
    res.status(201).set('Cache-Control', 'no-store').json(await webhooks.create(agent, webhookCreateSchema.parse(req.body)));
  });
  router.patch('/:id', async (req, res) => {
    const agent = await agentOf(req);
    res.json({ webhook: await webhooks.update(agent, param(req, 'id'), webhookUpdateSchema.parse(req.body)) });
  });
  router.delete('/:id', async (req, res) => {
    const agent = await agentOf(req);
    await webhooks.remove(agent, param(req, 'id'));
    res.status(204).end();
  });
  router.post('/:id/rotate-secret', async (req, res) => {
    const agent = await agentOf(req);
    emptyBody.parse(req.body ?? {});
    res.set('Cache-Control', 'no-store').json(await webhooks.rotateSecret(agent, param(req, 'id')));
  });
  router.get('/:id/deliveries', async (req, res) => {
    const agent = await agentOf(req);
    res.set('Cache-Control', 'no-store').json({ deliveries: await webhooks.deliveries(agent, param(req, 'id')) });
  });
  router.post('/:id/test', async (req, res) => {
    const agent = await agentOf(req);
    emptyBody.parse(req.body ?? {});
    res.status(202).json({ delivery: await webhooks.sendTest(agent, param(req, 'id')) });
  });
  router.post('/:id/deliveries/:deliveryId/redeliver', async (req, res) => {
    const agent = await agentOf(req);
    emptyBody.parse(req.body ?? {});
    res.status(202).json({ delivery: await webhooks.redeliver(agent, param(req, 'id'), param(req, 'deliveryId')) });
  });
  return router;
}
