import { z } from 'zod';

/** The most origins one site may be embedded on (storefront, staging, a few country domains). */
export const MAX_SITE_ORIGINS = 50;

/**
 * A page origin as browsers send it in the `Origin` header: scheme, host and port, nothing after. Typed
 * with a trailing slash or in capitals it is normalised; with a path it is refused (the allow-list
 * compares whole origins, so a path would never match).
 */
const ORIGIN = /^(https?):\/\/([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::(\d{1,5}))?\/?$/i;
const DEFAULT_PORT: Record<string, string> = { http: '80', https: '443' };

export const originSchema = z
  .string()
  .trim()
  .max(200)
  .transform((value, ctx) => {
    const match = ORIGIN.exec(value);
    if (!match) {
      ctx.addIssue({ code: 'custom', message: `${value.slice(0, 80) || 'An empty line'} is not an origin like https://shop.example.com (no path)` });
      return z.NEVER;
    }
    const [, scheme = '', host = '', port] = match;
    // Browsers leave the default port out of the Origin header.
    const shown = port && port !== DEFAULT_PORT[scheme.toLowerCase()] ? `:${port}` : '';
    return `${scheme.toLowerCase()}://${host.toLowerCase()}${shown}`;
  });

/** `PUT /api/site/origins`: the whole allow-list, replaced. */
export const siteOriginsSchema = z.object({ origins: z.array(originSchema).max(MAX_SITE_ORIGINS) }).strict();

/** `GET /api/site/install` (admins): what a site owner needs to put the widget on their pages. */
export interface SiteInstall {
  publicKey: string;
  /** The script tag, with this server's public URL and the site key. */
  snippet: string;
  /** Pages on these origins may open the widget; any other origin is refused. */
  allowedOrigins: string[];
  /** Signs `userHash` (HMAC-SHA256 of the email) on the shop's server; never ship it to browsers. */
  identitySecret: string;
}
