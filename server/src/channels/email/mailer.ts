import { createTransport } from 'nodemailer';
import type { OutboundEmail } from './inbound-email.js';

/** A send that failed; `permanent` when the server refused the message for good (5xx, not an auth problem). */
export class MailerError extends Error {
  override readonly name = 'MailerError';
  constructor(
    message: string,
    readonly responseCode: number | null,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface Mailer {
  /** Resolves once the SMTP server accepted the message; rejects with a MailerError. */
  send(email: OutboundEmail): Promise<void>;
  close(): void;
}

export function createMailer(smtpUrl: string): Mailer {
  const transport = createTransport({
    url: smtpUrl,
    // Bounded so a hung relay cannot outlive the outbox lease on the job.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 45_000,
  });
  return {
    async send(email) {
      try {
        await transport.sendMail({
          from: email.from,
          replyTo: email.replyTo,
          to: email.to,
          subject: email.subject,
          text: email.text,
          messageId: email.messageId,
          ...(email.inReplyTo ? { inReplyTo: email.inReplyTo } : {}),
          ...(email.references && email.references.length > 0 ? { references: email.references } : {}),
        });
      } catch (err) {
        throw toMailerError(err);
      }
    },
    close() {
      transport.close();
    },
  };
}

function toMailerError(err: unknown): MailerError {
  const responseCode = typeof err === 'object' && err !== null && 'responseCode' in err && typeof err.responseCode === 'number' ? err.responseCode : null;
  const message = err instanceof Error ? err.message : String(err);
  // 530/534/535 are our own credentials: fixable by the operator, so worth retrying.
  const permanent = responseCode !== null && responseCode >= 500 && responseCode < 600 && ![530, 534, 535].includes(responseCode);
  return new MailerError(message, responseCode, permanent, { cause: err });
}
