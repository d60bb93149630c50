import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { WEBHOOK_HEADERS } from '@hilo/shared';
import { isPrivateAddress, privateUrlReason } from '../../domain/webhook-url-policy.js';
import { signWebhook } from './webhook-signature.js';

export interface WebhookRequest {
  url: string;
  secret: string;
  /** Sent byte for byte as signed. */
  body: string;
  deliveryId: string;
  type: string;
  timeoutMs: number;
  allowPrivate: boolean;
  /** Aborts the request (the server is stopping). */
  signal?: AbortSignal;
}

export interface WebhookResponse {
  /** HTTP status, or null when no answer came. */
  status: number | null;
  /** Null on a 2xx answer. */
  error: string | null;
  durationMs: number;
  /** Refused before sending (private target): trying again will not help. */
  refused: boolean;
}

const ERROR_SNIPPET = 200;

/** Resolves like dns.lookup but keeps only public addresses, so a name cannot smuggle in a private target. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, []);
    const allowed = addresses.filter((a) => !isPrivateAddress(a.address));
    const first = allowed[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} resolves to a private network address`), { code: 'EPRIVATE' }), []);
    if (options.all) callback(null, allowed);
    else callback(null, first.address, first.family);
  });
};

function shortText(text: string, max = ERROR_SNIPPET): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * One signed POST. Never follows redirects (a 3xx is a failed attempt), gives up after `timeoutMs`,
 * opens a fresh connection each time (nothing pooled towards arbitrary hosts), and reads at most a
 * short snippet of the answer, for the delivery log.
 */
export function sendWebhook(request: WebhookRequest): Promise<WebhookResponse> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const reason = request.allowPrivate ? null : privateUrlReason(request.url);
  if (reason) return Promise.resolve({ status: null, error: reason, durationMs: 0, refused: true });

  const target = new URL(request.url);
  const client = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(request.body)),
    'User-Agent': 'Hilo-Webhooks/1',
    [WEBHOOK_HEADERS.event]: request.type,
    [WEBHOOK_HEADERS.delivery]: request.deliveryId,
    [WEBHOOK_HEADERS.signature]: signWebhook(request.secret, request.body, Math.floor(Date.now() / 1000)),
  };

  return new Promise((resolve) => {
    let done = false;
    const finish = (status: number | null, error: string | null, refused = false) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ status, error: error === null ? null : shortText(error), durationMs: elapsed(), refused });
    };
    const req = client(target, { method: 'POST', headers, agent: false, signal: request.signal, ...(request.allowPrivate ? {} : { lookup: publicOnlyLookup }) }, (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        finish(status, null);
        res.destroy();
        return;
      }
      const redirect = status >= 300 && status < 400 ? ' (redirects are not followed)' : '';
      let snippet = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        snippet += chunk;
        if (snippet.length >= ERROR_SNIPPET) res.destroy();
      });
      const fail = () => finish(status, `HTTP ${status}${redirect}${snippet ? `: ${snippet}` : ''}`);
      res.on('end', fail);
      res.on('close', fail);
    });
    const timer = setTimeout(() => {
      finish(null, `No answer within ${request.timeoutMs / 1000} s`);
      req.destroy();
    }, request.timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => finish(null, err.message || err.code || 'Request failed', err.code === 'EPRIVATE'));
    req.end(request.body);
  });
}
