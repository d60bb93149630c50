import { Router } from 'express';
import type { AuthService } from '../../domain/auth-service.js';
import { DomainError } from '../../domain/errors.js';
import type { AttachmentRepository } from '../../domain/ports.js';
import { signedInAgent } from './signed-in-agent.js';

/** Email attachments, for signed-in agents of the same site only, always as downloads. */
export function createAttachmentRoutes({ auth, attachments }: { auth: AuthService; attachments: AttachmentRepository }): Router {
  const router = Router();
  router.get('/:id', async (req, res) => {
    const agent = await signedInAgent(auth, req);
    const file = /^[A-Za-z0-9_-]{1,64}$/.test(req.params.id) ? await attachments.get(req.params.id) : null;
    if (!file || file.siteId !== agent.siteId) throw new DomainError('not_found', 'No such attachment');
    // A hostile file must never render as a page of this origin.
    res.set({
      'Content-Type': /^[\w.+-]+\/[\w.+-]+$/.test(file.type) ? file.type : 'application/octet-stream',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, max-age=3600',
    });
    res.send(file.content);
  });
  return router;
}
