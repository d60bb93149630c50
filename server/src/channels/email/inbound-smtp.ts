import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Logger } from '../../logger.js';
import type { InboundEmail } from './inbound-email.js';
import { EmailParseError, parseRawEmail } from './parse-email.js';

export interface InboundSmtpOptions {
  host: string;
  /** 0 picks a free port; the real one is returned. */
  port: number;
  maxMessageBytes: number;
  maxAttachmentBytes: number;
  /** Lower-cased RCPT TO address; false refuses it with 550. */
  acceptRecipient(address: string): Promise<boolean>;
  /** Resolve only once the email is stored: the sender is told 250 after it, and 451 (retry later) if it throws. */
  onEmail(email: InboundEmail, envelope: SmtpEnvelope): Promise<void>;
  logger: Logger;
}

export interface SmtpEnvelope {
  /** Empty for the null sender (bounces). */
  mailFrom: string;
  rcptTo: string[];
}

export interface InboundSmtp {
  port: number;
  close(): Promise<void>;
}

function smtpError(responseCode: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * The inbound MX: accepts mail for known recipients and answers 250 only after `onEmail` stored it, so a
 * message is either in Hilo or still queued at the sending MTA, never lost in between.
 */
export async function startInboundSmtp(options: InboundSmtpOptions): Promise<InboundSmtp> {
  const { logger } = options;

  async function handleData(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      // Keep reading to the end (SMTP needs it) but stop buffering past the limit.
      if (bytes <= options.maxMessageBytes) chunks.push(chunk);
    }
    if (stream.sizeExceeded || bytes > options.maxMessageBytes) {
      throw smtpError(552, `5.3.4 Message exceeds the maximum size of ${options.maxMessageBytes} bytes`);
    }
    const envelope: SmtpEnvelope = {
      mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : '',
      rcptTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
    };
    let email: InboundEmail;
    try {
      email = await parseRawEmail(Buffer.concat(chunks), {
        maxAttachmentBytes: options.maxAttachmentBytes,
        fallbackFrom: envelope.mailFrom || undefined,
      });
    } catch (err) {
      if (err instanceof EmailParseError) throw smtpError(550, `5.6.0 ${err.message}`);
      logger.error({ err, session: session.id }, 'inbound email could not be parsed');
      throw smtpError(451, '4.3.0 Temporary failure, please retry later');
    }
    // The null sender marks bounces and other delivery reports (RFC 5321 §4.5.5).
    if (envelope.mailFrom === '') email.automated = true;
    try {
      await options.onEmail(email, envelope);
    } catch (err) {
      logger.error({ err, session: session.id, messageId: email.messageId }, 'inbound email could not be stored');
      throw smtpError(451, '4.3.0 Temporary failure, please retry later');
    }
    logger.info({ session: session.id, messageId: email.messageId, rcptTo: envelope.rcptTo }, 'inbound email accepted');
  }

  const server = new SMTPServer({
    banner: 'Hilo',
    // An MX takes mail from anyone; who may write to which mailbox is decided at RCPT.
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: options.maxMessageBytes,
    logger: false,
    disableReverseLookup: true,
    maxClients: 200,
    maxRecipients: 50,
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    onRcptTo(address, _session, callback) {
      options.acceptRecipient(address.address.toLowerCase()).then(
        (accepted) => callback(accepted ? null : smtpError(550, '5.1.1 No such mailbox here')),
        (err: unknown) => {
          logger.error({ err, rcpt: address.address }, 'could not check an inbound recipient');
          callback(smtpError(451, '4.3.0 Temporary failure, please retry later'));
        },
      );
    },
    onData(stream, session, callback) {
      handleData(stream, session).then(
        () => callback(null, 'Message accepted'),
        (err: Error) => {
          // handleData may have thrown before reading everything; the reply must wait for the end of DATA.
          if (stream.readableEnded) callback(err);
          else {
            stream.on('end', () => callback(err));
            stream.resume();
          }
        },
      );
    },
  });
  server.on('error', (err) => logger.warn({ err }, 'inbound smtp connection error'));

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  logger.info({ host: options.host, port }, 'inbound smtp listening');

  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
