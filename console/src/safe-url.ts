/**
 * The URL as an http(s) link target, or null. Site-sent page URLs and attachment URLs are user data:
 * a `javascript:` or `data:` URL must never become a clickable link.
 */
export function safeHttpUrl(url: string | null | undefined, base = location.origin): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
