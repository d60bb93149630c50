import type { Message } from '@hilo/shared';
import { DomainError } from './errors.js';
import { sniffFileType } from './file-type.js';
import { newId, newSecret } from './ids.js';
import type { AttachmentRepository, Site } from './ports.js';

export const CHAT_FILE_MAX_BYTES = 5 * 1024 * 1024;

interface Deps {
  attachments: AttachmentRepository;
  /** The conversation service's visitor send (idempotent per clientId). */
  visitorSend(siteId: string, visitorId: string, input: { clientId: string; text: string }): Promise<Message>;
  /** Absolute URL of a stored file, put in the message so both sides can open it. */
  fileUrl(id: string): string;
}

/** A file name safe to show and to put in a Content-Disposition header. */
export function cleanFileName(raw: string): string {
  // eslint-disable-next-line no-control-regex -- strips control characters on purpose
  const name = raw.replace(/[\u0000-\u001f\u007f"\\/]/g, '').trim().slice(0, 120);
  return name || 'file';
}

/**
 * A shopper's file: typed by its bytes (the client's type is ignored), stored under an unguessable id,
 * and posted into their conversation as a message with a link, so agents and the shopper's other tabs
 * see it like any message.
 */
export function createChatAttachmentService({ attachments, visitorSend, fileUrl }: Deps) {
  return {
    async upload(site: Site, visitorId: string, input: { name: string; content: Buffer; clientId: string }): Promise<Message> {
      if (input.content.length === 0) throw new DomainError('bad_request', 'The file is empty');
      if (input.content.length > CHAT_FILE_MAX_BYTES) throw new DomainError('bad_request', 'The file is larger than 5 MB');
      const kind = sniffFileType(input.content);
      if (!kind) throw new DomainError('bad_request', 'Only images (PNG, JPEG, GIF, WebP) and PDF files can be sent');
      // The id is the capability to read the file: 12 random bytes of id plus a secret.
      const id = `${newId('f')}${newSecret(12)}`;
      const name = cleanFileName(input.name);
      await attachments.save({ id, siteId: site.id, name, type: kind.type, content: input.content });
      return visitorSend(site.id, visitorId, { clientId: input.clientId, text: `📎 ${name}\n${fileUrl(id)}` });
    },
    async read(id: string) {
      const file = /^[A-Za-z0-9_-]{20,128}$/.test(id) ? await attachments.get(id) : null;
      if (!file) throw new DomainError('not_found', 'No such file');
      return { ...file, image: file.type.startsWith('image/') };
    },
  };
}

export type ChatAttachmentService = ReturnType<typeof createChatAttachmentService>;
