import { clientIdSchema } from '@hilo/shared';
import express, { Router } from 'express';
import type { Request, Response } from 'express';
import { CHAT_FILE_MAX_BYTES, type ChatAttachmentService } from '../../domain/chat-attachment-service.js';
import { DomainError } from '../../domain/errors.js';
import type { Site, SiteRepository } from '../../domain/ports.js';
import { verifyVisitorToken } from '../../domain/visitor-token.js';

/**
 * Shopper file uploads and downloads under /widget/files. Uploads come from storefront pages, so CORS
 * is answered for the site's allowed origins only, and the visitor token (Bearer) says who sends.
 */
export function createChatAttachmentRoutes({ sites, files }: { sites: SiteRepository; files: ChatAttachmentService }): Router {
  const router = Router();

  const allowOrigin = (req: Request, res: Response, site: Site | null) => {
    const origin = req.get('origin');
    if (origin && site?.allowedOrigins.includes(origin)) {
      res.set({ 'Access-Control-Allow-Origin': origin, Vary: 'Origin' });
      return true;
    }
    return !origin;
  };

  router.options('/:siteKey', async (req, res) => {
    const site = await sites.findByPublicKey(req.params.siteKey);
    if (!allowOrigin(req, res, site)) throw new DomainError('forbidden', 'Origin not allowed');
    res.set({ 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Filename, X-Client-Id', 'Access-Control-Max-Age': '600' }).status(204).end();
  });

  router.post('/:siteKey', express.raw({ type: () => true, limit: CHAT_FILE_MAX_BYTES }), async (req, res) => {
    const site = await sites.findByPublicKey(req.params.siteKey);
    if (!site) throw new DomainError('not_found', 'Unknown site key');
    if (!allowOrigin(req, res, site) || !req.get('origin')) throw new DomainError('forbidden', 'Origin not allowed');
    const token = /^Bearer\s+(\S{1,512})$/i.exec(req.get('authorization') ?? '')?.[1];
    const claims = token ? verifyVisitorToken(token, site.id, site.secret) : null;
    if (!claims) throw new DomainError('unauthorized', 'Send the visitor token as "Authorization: Bearer <token>"');
    const clientId = clientIdSchema.parse(req.get('x-client-id'));
    let name = 'file';
    try {
      name = decodeURIComponent(req.get('x-filename') ?? 'file');
    } catch {
      // keep the default
    }
    const content = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const message = await files.upload(site, claims.visitorId, { name, content, clientId });
    res.status(201).json({ message });
  });

  router.get('/:id', async (req, res) => {
    const file = await files.read(req.params.id);
    // A hostile file must never run as a page of this origin: typed by its bytes, no sniffing,
    // sandboxed, and only images shown inline (for thumbnails); everything else downloads.
    res.set({
      'Content-Type': file.type,
      'Content-Disposition': `${file.image ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Cache-Control': 'private, max-age=86400',
    });
    res.send(file.content);
  });
  return router;
}
