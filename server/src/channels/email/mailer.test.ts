import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, MailerError, type Mailer } from './mailer.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

let sink: SmtpSink;
let mailer: Mailer;

beforeAll(async () => {
  sink = await startSmtpSink();
  mailer = createMailer(sink.url);
});
afterAll(async () => {
  mailer.close();
  await sink.close();
});

describe('mailer', () => {
  it('sends plain text with exact threading headers, From and Reply-To', async () => {
    await mailer.send({
      from: 'Shop Support <support@shop.example>',
      replyTo: 'reply+c_abc@support.shop.example',
      to: 'jose@example.com',
      subject: 'Re: Pedido número 1234',
      text: 'Hola José,\n\nYour order ships today.',
      messageId: '<m_1.c_abc@hilo.test>',
      inReplyTo: '<iso-1@mail.example.com>',
      references: ['<first@mail.example.com>', '<iso-1@mail.example.com>'],
    });
    const got = await sink.waitFor((m) => m.messageId === '<m_1.c_abc@hilo.test>', 3000);
    expect(got.inReplyTo).toBe('<iso-1@mail.example.com>');
    expect(got.references).toEqual(['<first@mail.example.com>', '<iso-1@mail.example.com>']);
    expect(got.headers['reply-to']).toBe('reply+c_abc@support.shop.example');
    expect(got.from).toContain('support@shop.example');
    expect(got.envelope).toEqual({ mailFrom: 'support@shop.example', rcptTo: ['jose@example.com'] });
    expect(got.subject).toBe('Re: Pedido número 1234');
    expect(got.text).toBe('Hola José,\n\nYour order ships today.');
    expect(got.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('omits threading headers for a first message and reports SMTP refusals as MailerError', async () => {
    await mailer.send({ from: 's@shop.example', replyTo: 'r@shop.example', to: 'a@example.com', subject: 'Hi', text: 'first', messageId: '<m_2@hilo.test>' });
    const got = await sink.waitFor((m) => m.messageId === '<m_2@hilo.test>', 3000);
    expect(got.headers['in-reply-to']).toBeUndefined();
    expect(got.headers.references).toBeUndefined();

    sink.failNext(1);
    const failure = mailer.send({ from: 's@shop.example', replyTo: 'r@shop.example', to: 'a@example.com', subject: 'Hi', text: 'x', messageId: '<m_3@hilo.test>' });
    await expect(failure).rejects.toBeInstanceOf(MailerError);
    await expect(failure).rejects.toMatchObject({ responseCode: 451, permanent: false });
  });
});
