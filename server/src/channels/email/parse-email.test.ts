import { readFileSync, createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inboundEmailWebhookSchema } from '@hilo/shared';
import { describe, expect, it } from 'vitest';
import { EmailParseError, fromWebhook, parseRawEmail } from './parse-email.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/email/${name}`, import.meta.url));
const parse = (name: string, maxAttachmentBytes = 1024) => parseRawEmail(readFileSync(fixture(name)), { maxAttachmentBytes });

describe('parseRawEmail', () => {
  it('decodes ISO-8859-1 quoted-printable bodies, encoded-word headers and lower-cases addresses', async () => {
    const email = await parse('iso-8859-1-quoted-printable.eml');
    expect(email.text).toBe('Buenos días, ¿dónde está mi pedido?\n\nUn saludo,\nJosé');
    expect(email.subject).toBe('Pedido número 1234');
    expect(email.from).toEqual({ address: 'jose.perez@example.com', name: 'José Pérez' });
    expect(email.to).toEqual([{ address: 'soporte@shop.example', name: 'Tienda' }]);
    expect(email.cc).toEqual([
      { address: 'ana@example.com', name: 'Ana' },
      { address: 'luis@example.com', name: null },
    ]);
    expect(email.messageId).toBe('<iso-1@mail.example.com>');
    expect(email.inReplyTo).toBeNull();
    expect(email.references).toEqual([]);
    expect(email.date).toBe(Date.parse('2025-06-03T08:15:00Z'));
    expect(email.automated).toBe(false);
  });

  it('decodes UTF-8 base64 bodies and subjects, also from a stream', async () => {
    const email = await parseRawEmail(createReadStream(fixture('utf-8-base64.eml')), { maxAttachmentBytes: 1024 });
    expect(email.text).toBe('Hola 👋, quería saber el estado del envío.\n\nGracias — Ana Müller');
    expect(email.subject).toBe('Estado del envío 📦');
    expect(email.from).toEqual({ address: 'ana@example.com', name: 'Ana Müller' });
  });

  it('turns HTML-only mail into readable text where no script, style or tag survives', async () => {
    const email = await parse('html-only.eml');
    expect(email.text).toContain('Hello team,');
    expect(email.text).toContain('I cannot find my order [https://shop.example/orders/42] anywhere.');
    expect(email.text).toContain('Thanks & regards,\nBob <3');
    for (const leaked of ['alert', 'pwned', 'cookie', 'evil', 'color: red', 'display', 'Secret title', '<p', '<b>', '<script', 'onclick']) {
      expect(email.text).not.toContain(leaked);
    }
  });

  it('lists attachments and keeps content only up to the size limit', async () => {
    const email = await parse('attachments.eml', 1024);
    expect(email.text).toBe('Please find the invoice attached, and a photo of the damaged box.');
    expect(email.attachments).toHaveLength(2);
    const [pdf, photo] = email.attachments;
    expect(pdf).toMatchObject({ name: 'invoice.pdf', type: 'application/pdf' });
    expect(pdf?.content?.toString('latin1').startsWith('%PDF-1.4')).toBe(true);
    expect(pdf?.size).toBe(pdf?.content?.length);
    expect(photo).toEqual({ name: 'box.jpg', type: 'image/jpeg', size: 5000, content: null });

    const roomy = await parse('attachments.eml', 10_000);
    expect(roomy.attachments[1]?.content?.length).toBe(5000);
  });

  it('keeps threading ids with their brackets and strips the quoted earlier message', async () => {
    const email = await parse('reply-quoted.eml');
    expect(email.inReplyTo).toBe('<out-1@hilo.test>');
    expect(email.references).toEqual(['<iso-1@mail.example.com>', '<out-1@hilo.test>']);
    expect(email.messageId).toBe('<reply-1@mail.example.com>');
    expect(email.text).toBe('Yes, please send it to my office instead.\nThanks!');
    expect(email.to[0]?.address).toBe('reply+c_abc123@support.shop.example');
  });

  it('flags auto-replies so the domain does not answer them', async () => {
    const email = await parse('auto-reply.eml');
    expect(email.automated).toBe(true);
    expect(email.inReplyTo).toBe('<out-1@hilo.test>');
  });

  it('flags bounces, bulk mail and mailer daemons, and uses the fallback sender when From is missing', async () => {
    const base = 'To: a@shop.example\r\nSubject: s\r\n';
    const raw = (headers: string) => Buffer.from(`${headers}${base}\r\nbody\r\n`);
    const opts = { maxAttachmentBytes: 10 };
    expect((await parseRawEmail(raw('From: x@example.com\r\nPrecedence: bulk\r\n'), opts)).automated).toBe(true);
    expect((await parseRawEmail(raw('From: MAILER-DAEMON@mx.example.com\r\n'), opts)).automated).toBe(true);
    expect((await parseRawEmail(raw('From: x@example.com\r\nAuto-Submitted: no\r\n'), opts)).automated).toBe(false);
    const report = Buffer.from('From: x@example.com\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--b--\r\n');
    expect((await parseRawEmail(report, opts)).automated).toBe(true);

    const noFrom = raw('');
    await expect(parseRawEmail(noFrom, opts)).rejects.toBeInstanceOf(EmailParseError);
    expect((await parseRawEmail(noFrom, { ...opts, fallbackFrom: 'Env@Example.com' })).from).toEqual({ address: 'env@example.com', name: null });
  });
});

describe('fromWebhook', () => {
  it('parses addresses and threading headers case-insensitively', () => {
    const body = inboundEmailWebhookSchema.parse({
      from: '=?UTF-8?Q?Jos=C3=A9?= <Jose@Example.com>',
      to: ['Support <reply+c_1@support.shop.example>', 'other@shop.example'],
      subject: '  Re: order ',
      text: 'Got it, thanks.\n\nOn Mon, 2 Jun 2025, Support <s@shop.example> wrote:\n> Your order shipped.\n',
      headers: { 'MESSAGE-ID': '<w-1@example.com>', 'In-Reply-To': '<out-9@hilo.test>', references: '<a@x> <out-9@hilo.test>', Date: 'Mon, 02 Jun 2025 10:00:00 +0000', CC: 'c@example.com' },
    });
    const email = fromWebhook(body);
    expect(email.from).toEqual({ address: 'jose@example.com', name: 'José' });
    expect(email.to.map((a) => a.address)).toEqual(['reply+c_1@support.shop.example', 'other@shop.example']);
    expect(email.cc).toEqual([{ address: 'c@example.com', name: null }]);
    expect(email.subject).toBe('Re: order');
    expect(email.text).toBe('Got it, thanks.');
    expect(email.messageId).toBe('<w-1@example.com>');
    expect(email.inReplyTo).toBe('<out-9@hilo.test>');
    expect(email.references).toEqual(['<a@x>', '<out-9@hilo.test>']);
    expect(email.date).toBe(Date.parse('2025-06-02T10:00:00Z'));
    expect(email.automated).toBe(false);
    expect(email.attachments).toEqual([]);
  });

  it('converts HTML bodies with the same safe path and flags auto-replies', () => {
    const email = fromWebhook(
      inboundEmailWebhookSchema.parse({
        from: 'bob@example.org',
        to: 'a@shop.example, b@shop.example',
        html: '<style>p{color:red}</style><script>alert(1)</script><p>Hi <i>there</i></p>',
        headers: { 'auto-submitted': 'auto-generated' },
      }),
    );
    expect(email.text).toBe('Hi there');
    expect(email.to).toHaveLength(2);
    expect(email.subject).toBe('');
    expect(email.messageId).toBeNull();
    expect(email.automated).toBe(true);
  });

  it('refuses a webhook without a usable sender', () => {
    expect(() => fromWebhook(inboundEmailWebhookSchema.parse({ from: 'not an address', to: 'a@shop.example', text: 'x' }))).toThrow(EmailParseError);
  });
});
