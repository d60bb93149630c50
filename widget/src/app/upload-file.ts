import type { Message } from '@hilo/shared';
import { createClientId } from './client-id';
import type { ConversationModel } from './conversation-model';
import type { SiteStorage } from './site-storage';

export const FILE_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Sends a file to the visitor's conversation (`POST /widget/files/<siteKey>`, raw body, visitor token
 * as Bearer). The server types it by its bytes and answers with the stored message; the error text is
 * the server's, or null when the server could not be reached.
 */
export async function uploadFile(
  target: { serverOrigin: string; siteKey: string; token: string; clientId: string },
  file: Blob & { name?: string },
): Promise<{ ok: true; message: Message } | { ok: false; error: string | null }> {
  if (file.size > FILE_MAX_BYTES) return { ok: false, error: null };
  try {
    const response = await fetch(`${target.serverOrigin}/widget/files/${encodeURIComponent(target.siteKey)}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${target.token}`, 'X-Client-Id': target.clientId, 'X-Filename': encodeURIComponent(file.name ?? 'file'), 'Content-Type': 'application/octet-stream' },
      body: file,
    });
    const body = (await response.json().catch(() => null)) as { message?: Message; error?: { message?: string } } | null;
    if (response.ok && body?.message) return { ok: true, message: body.message };
    return { ok: false, error: body?.error?.message ?? null };
  } catch {
    return { ok: false, error: null };
  }
}

/** The attach button's action (in the extras chunk): upload with the stored token, then show the message. */
export async function sendFile(
  deps: { serverOrigin: string; siteKey: string; storage: SiteStorage; model: ConversationModel; failed: (error: string | null) => void },
  file: Blob & { name?: string },
): Promise<void> {
  const token = deps.storage.get('token');
  // No token yet: the socket has not connected once; the shopper can retry in a moment.
  if (!token) return deps.failed(null);
  deps.storage.set('active', '1');
  const result = await uploadFile({ serverOrigin: deps.serverOrigin, siteKey: deps.siteKey, token, clientId: createClientId() }, file);
  if (result.ok) deps.model.merge([result.message]);
  else deps.failed(result.error);
}
