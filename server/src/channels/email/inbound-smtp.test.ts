import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTransport } from 'nodemailer';
import { createLogger } from '../../logger.js';
import type { InboundEmail } from './inbound-email.js';
import { startInboundSmtp, type InboundSmtp, type SmtpEnvelope } from './inbound-smtp.js';

const KNOWN = new Set(['support@shop.example', 'reply+c_1@shop.example']);

let smtp: InboundSmtp;
let received: { email: InboundEmail; envelope: SmtpEnvelope }[] = [];
let failStore = false;

beforeAll(async () => {
  smtp = await startInboundSmtp({
    host: '127.0.0.1',
    port: 0,
    maxMessageBytes: 20_000,
    maxAttachmentBytes: 1000,
    acceptRecipient: async (address) => KNOWN.has(address),
    onEmail: async (email, envelope) => {
      if (failStore) throw new Error('redis is down');
      received.push({ email, envelope });
    },
    logger: createLogger('silent'),
  });
});
afterAll(() => smtp.close());
beforeEach(() => {
  received = [];
  failStore = false;
});

function sender() {
  return createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, connectionTimeout: 3000 });
}

const base = { from: 'Ana <Ana@Example.com>', subject: 'Hola', text: 'Buenos días, ¿dónde está mi pedido?' };

describe('inbound SMTP', () => {
  it('listens on a real port and hands parsed mail with its envelope to onEmail', async () => {
    expect(smtp.port).toBeGreaterThan(0);
    const info = await sender().sendMail({ ...base, to: 'Support@Shop.example', messageId: '<in-1@example.com>', inReplyTo: '<out-1@hilo.test>' });
    expect(info.accepted).toHaveLength(1);
    expect(received).toHaveLength(1);
    const [first] = received;
    if (!first) throw new Error('nothing received');
    const { email, envelope } = first;
    expect(email.from).toEqual({ address: 'ana@example.com', name: 'Ana' });
    expect(email.text).toBe('Buenos días, ¿dónde está mi pedido?');
    expect(email.messageId).toBe('<in-1@example.com>');
    expect(email.inReplyTo).toBe('<out-1@hilo.test>');
    expect(envelope).toEqual({ mailFrom: 'ana@example.com', rcptTo: ['support@shop.example'] });
  });

  it('refuses unknown recipients at RCPT with 550 and keeps the known ones', async () => {
    const refused = sender().sendMail({ ...base, to: 'nobody@shop.example' });
    await expect(refused).rejects.toMatchObject({ responseCode: 550 });
    expect(received).toHaveLength(0);

    const info = await sender().sendMail({ ...base, to: ['nobody@shop.example', 'reply+c_1@shop.example'] });
    expect(info.rejected).toEqual(['nobody@shop.example']);
    expect(received.map((r) => r.envelope.rcptTo)).toEqual([['reply+c_1@shop.example']]);
  });

  it('answers 451 when onEmail throws, so the sending MTA keeps the mail and retries', async () => {
    failStore = true;
    await expect(sender().sendMail({ ...base, to: 'support@shop.example' })).rejects.toMatchObject({ responseCode: 451 });
    failStore = false;
    await sender().sendMail({ ...base, to: 'support@shop.example' });
    expect(received).toHaveLength(1);
  });

  it('refuses messages over the size limit with 552 and never calls onEmail', async () => {
    const big = 'x'.repeat(60_000);
    await expect(sender().sendMail({ ...base, to: 'support@shop.example', text: big })).rejects.toMatchObject({ responseCode: 552 });
    // Without a SIZE declaration the limit is enforced after DATA.
    const raw = `From: a@example.com\r\nTo: support@shop.example\r\nSubject: big\r\n\r\n${'y'.repeat(60_000)}\r\n`;
    const noSize = createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
    await expect(noSize.sendMail({ envelope: { from: 'a@example.com', to: ['support@shop.example'] }, raw })).rejects.toMatchObject({ responseCode: 552 });
    expect(received).toHaveLength(0);
  });

  it('advertises the size limit and offers neither AUTH nor STARTTLS', async () => {
    const socket = connect(smtp.port, '127.0.0.1');
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (buffer += chunk));
    await expect.poll(() => buffer).toMatch(/^220 /);
    socket.write('EHLO test.example\r\n');
    await expect.poll(() => buffer).toMatch(/\r\n250 [^\r]*\r\n$/);
    socket.end('QUIT\r\n');
    expect(buffer).toMatch(/250[ -]SIZE 20000\r\n/);
    expect(buffer).not.toMatch(/AUTH|STARTTLS/);
  });

  it('marks mail from the null sender (bounces) as automated', async () => {
    const raw = 'From: Mail Delivery System <bounces@mx.example.com>\r\nTo: support@shop.example\r\nSubject: Undelivered\r\n\r\nDelivery failed.\r\n';
    await sender().sendMail({ envelope: { from: '', to: ['support@shop.example'] }, raw });
    expect(received[0]?.email.automated).toBe(true);
    expect(received[0]?.envelope.mailFrom).toBe('');
  });
});
