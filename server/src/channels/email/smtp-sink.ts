import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Logger } from '../../logger.js';

/** One message the sink received. */
export interface SinkMessage {
  envelope: { mailFrom: string; rcptTo: string[] };
  /** Lower-cased header name → raw value (unfolded; the last one wins when repeated). */
  headers: Record<string, string>;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: string;
  to: string;
  replyTo: string;
  subject: string;
  text: string;
  receivedAt: number;
}

export interface SmtpSink {
  port: number;
  /** smtp://127.0.0.1:PORT */
  url: string;
  received: SinkMessage[];
  /** Resolves with the first message (already received or to come) that matches. */
  waitFor(pred: (message: SinkMessage) => boolean, timeoutMs?: number): Promise<SinkMessage>;
  /** The next n deliveries are refused with 451 (temporary), for retry tests and demos. */
  failNext(n: number): void;
  close(): Promise<void>;
}

function headerMap(lines: ReadonlyArray<{ key: string; line: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, line } of lines) {
    const colon = line.indexOf(':');
    out[key] = line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
  }
  return out;
}

/**
 * A local SMTP server that accepts everything and keeps what it got: the outbound target of the demo
 * when SMTP_URL is unset, and of tests. Loopback only, no auth, no TLS.
 */
export async function startSmtpSink(options: { port?: number; logger?: Logger } = {}): Promise<SmtpSink> {
  const received: SinkMessage[] = [];
  const events = new EventEmitter();
  let failures = 0;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (failures > 0) {
          failures--;
          callback(Object.assign(new Error('4.3.0 Sink told to fail this delivery'), { responseCode: 451 }));
          return;
        }
        simpleParser(Buffer.concat(chunks), { skipTextToHtml: true, skipImageLinks: true }).then(
          (mail) => {
            const refs = mail.references;
            const message: SinkMessage = {
              envelope: {
                mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                rcptTo: session.envelope.rcptTo.map((r) => r.address),
              },
              headers: headerMap(mail.headerLines),
              messageId: mail.messageId ?? null,
              inReplyTo: mail.inReplyTo ?? null,
              references: refs === undefined ? [] : Array.isArray(refs) ? refs : refs.split(/\s+/).filter(Boolean),
              from: mail.from?.text ?? '',
              to: (Array.isArray(mail.to) ? mail.to.map((t) => t.text).join(', ') : mail.to?.text) ?? '',
              replyTo: mail.replyTo?.text ?? '',
              subject: mail.subject ?? '',
              text: (mail.text ?? '').trim(),
              receivedAt: Date.now(),
            };
            received.push(message);
            options.logger?.info({ to: message.envelope.rcptTo, subject: message.subject }, 'smtp sink received an email');
            events.emit('message', message);
            callback(null, 'Kept by the Hilo SMTP sink');
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  server.on('error', (err) => options.logger?.warn({ err }, 'smtp sink connection error'));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitFor(pred, timeoutMs = 5000) {
      const found = received.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const onMessage = (message: SinkMessage) => {
          if (!pred(message)) return;
          clearTimeout(timer);
          events.off('message', onMessage);
          resolve(message);
        };
        const timer = setTimeout(() => {
          events.off('message', onMessage);
          reject(new Error(`smtp sink: no matching message within ${timeoutMs} ms`));
        }, timeoutMs);
        events.on('message', onMessage);
      });
    },
    failNext(n) {
      failures = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
