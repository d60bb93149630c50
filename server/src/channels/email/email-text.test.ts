import { describe, expect, it } from 'vitest';
import { htmlToPlainText, stripQuotedReply } from './email-text.js';

describe('stripQuotedReply', () => {
  it('strips a top-posted reply quote, including an attribution wrapped over two lines', () => {
    expect(stripQuotedReply('Thanks!\n\nOn Mon, 2 Jun 2025, Ana <a@x.com> wrote:\n> hello\n>\n> bye\n')).toBe('Thanks!');
    expect(stripQuotedReply('Gracias\n\nEl lun, 2 jun 2025 a las 10:00, Ana (<a@x.com>)\nescribió:\n> hola')).toBe('Gracias');
    expect(stripQuotedReply('Grazie mille\n\nIl giorno lun 2 giu 2025 alle ore 10:00 Hilo Shop <s@shop.example> ha scritto:\n> Ciao')).toBe('Grazie mille');
    // Gmail in Dutch puts the name after "schreef".
    expect(stripQuotedReply('Bedankt\n\nOp ma 2 jun 2025 om 10:00 schreef Hilo Shop <s@shop.example>:\n> Hallo')).toBe('Bedankt');
    // Words that only look like an attribution, with no quote under them, stay.
    expect(stripQuotedReply('Op maandag schreef ik:\nik wil ruilen')).toBe('Op maandag schreef ik:\nik wil ruilen');
  });

  it('strips the From / Sent / Subject block Outlook puts above the message it answers', () => {
    const outlook = [
      'Yes, Friday is fine.',
      '',
      'Ana',
      '',
      '________________________________',
      'From: Hilo Shop <support@shop.example>',
      'Sent: Monday, June 2, 2025 10:00 AM',
      'To: Ana García <ana@example.com>',
      'Subject: Re: Gift wrapping for order #1077',
      '',
      'Can we ship it on Friday?',
    ].join('\n');
    expect(stripQuotedReply(outlook)).toBe('Yes, Friday is fine.\n\nAna');
    const older = 'Danke!\n\n-----Ursprüngliche Nachricht-----\nVon: Hilo Shop <support@shop.example>\nGesendet: Montag, 2. Juni 2025 10:00\nAn: ana@example.com\nBetreff: AW: Bestellung\n\nAlt.';
    expect(stripQuotedReply(older)).toBe('Danke!');
  });

  it('strips it from an Outlook HTML reply too, rule included', () => {
    const html =
      '<html><body><div>Yes, Friday.</div><div><br></div><hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr">' +
      '<font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>From:</b> Hilo Shop &lt;support@shop.example&gt;<br><b>Sent:</b> Monday, June 2, 2025 10:00 AM<br>' +
      '<b>To:</b> Ana García &lt;ana@example.com&gt;<br><b>Subject:</b> RE: Gift wrapping</font><div>&nbsp;</div></div><div>Can we ship it on Friday?</div></body></html>';
    expect(stripQuotedReply(htmlToPlainText(html))).toBe('Yes, Friday.');
  });

  it('keeps a forwarded message, and an Outlook block with nothing above it', () => {
    const forward = 'See what the carrier says below.\n\n________________________________\nFrom: Carrier <noreply@carrier.example>\nSent: Monday, June 2, 2025 9:00 AM\nTo: ana@example.com\nSubject: FW: Parcel damaged\n\nYour parcel was damaged in transit.';
    expect(stripQuotedReply(forward)).toBe(forward);
    const alone = 'From: Hilo Shop <support@shop.example>\nSent: Monday\nSubject: Re: x\n\nold';
    expect(stripQuotedReply(alone)).toBe(alone);
  });

  it('keeps the whole text when unsure', () => {
    // Reply written below the quote (bottom-posting): the answer follows the quote.
    const inline = 'On Mon, Ana wrote:\n> Can you ship Friday?\nYes, Friday works.';
    expect(stripQuotedReply(inline)).toBe(inline);
    // "wrote:" with no quote after it is the customer's own words.
    const prose = 'My colleague\nOn Monday Ana wrote:\nthat the box was damaged.';
    expect(stripQuotedReply(prose)).toBe(prose);
    // Nothing but a quote: keep it rather than return an empty message.
    const onlyQuote = '\nOn Mon, Ana wrote:\n> hello';
    expect(stripQuotedReply(onlyQuote)).toBe(onlyQuote);
  });
});

describe('htmlToPlainText', () => {
  it('drops head, scripts and styles, keeps link targets and decodes entities', () => {
    const text = htmlToPlainText('<html><head><title>t</title><style>a{}</style></head><body><h1>Order</h1><script>x()</script><p>See <a href="https://a.example/x">this</a> &amp; that</p><img src="https://track.example/p.gif"></body></html>');
    expect(text).toBe('Order\n\nSee this [https://a.example/x] & that');
  });
});
