import { describe, expect, it } from 'vitest';
import { htmlToPlainText, stripQuotedReply } from './email-text.js';

describe('stripQuotedReply', () => {
  it('strips a top-posted reply quote, including an attribution wrapped over two lines', () => {
    expect(stripQuotedReply('Thanks!\n\nOn Mon, 2 Jun 2025, Ana <a@x.com> wrote:\n> hello\n>\n> bye\n')).toBe('Thanks!');
    expect(stripQuotedReply('Gracias\n\nEl lun, 2 jun 2025 a las 10:00, Ana (<a@x.com>)\nescribió:\n> hola')).toBe('Gracias');
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
