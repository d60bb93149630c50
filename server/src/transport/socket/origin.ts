import type { IncomingHttpHeaders } from 'node:http';

/**
 * The page origin of a handshake. Browsers always send Origin cross-origin and on WebSocket; a
 * same-origin long-polling request may omit it, so the Referer's origin stands in.
 */
export function requestOrigin(headers: IncomingHttpHeaders): string | null {
  if (typeof headers.origin === 'string' && headers.origin !== 'null') return headers.origin;
  if (typeof headers.referer === 'string') {
    try {
      return new URL(headers.referer).origin;
    } catch {
      return null;
    }
  }
  return null;
}
