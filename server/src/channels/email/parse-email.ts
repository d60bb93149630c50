import type { inboundEmailWebhookSchema } from '@hilo/shared';
import { parseAddressHeader, simpleParser, type AddressObject, type HeaderValue, type ParsedMail } from 'mailparser';
import type { z } from 'zod';
import { htmlToPlainText, normalizeText, stripQuotedReply } from './email-text.js';
import type { EmailAddress, InboundAttachment, InboundEmail } from './inbound-email.js';

/** The email cannot be used at all (no sender address): retrying will not help. */
export class EmailParseError extends Error {
  override readonly name = 'EmailParseError';
}

export interface ParseEmailOptions {
  /** Attachments larger than this are listed without their content. */
  maxAttachmentBytes: number;
  /** Used when the From header is missing or unusable (the SMTP envelope sender). */
  fallbackFrom?: string;
}

/** Turns a raw RFC 5322 message (any charset or transfer encoding) into an InboundEmail. */
export async function parseRawEmail(raw: Buffer | NodeJS.ReadableStream, options: ParseEmailOptions): Promise<InboundEmail> {
  const mail = await simpleParser(raw as Parameters<typeof simpleParser>[0], {
    // HTML goes through our own converter, which drops scripts and styles.
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipImageLinks: true,
    keepCidLinks: true,
  });
  const from = firstAddress(mail.from) ?? fallbackAddress(options.fallbackFrom);
  if (!from) throw new EmailParseError('email has no sender address');
  const headers = (name: string) => headerText(mail.headers.get(name));
  return {
    from,
    to: addressList(mail.to),
    cc: addressList(mail.cc),
    subject: (mail.subject ?? '').trim(),
    text: bodyText(mail.text, typeof mail.html === 'string' ? mail.html : undefined),
    messageId: firstMessageId(mail.messageId),
    inReplyTo: firstMessageId(mail.inReplyTo),
    references: messageIds(mail.references),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.getTime() : null,
    attachments: attachments(mail, options.maxAttachmentBytes),
    automated: isAutomated(headers, from.address) || isDeliveryReport(mail),
  };
}

type WebhookBody = z.output<typeof inboundEmailWebhookSchema>;

/** The same clean data from a mail provider's inbound webhook (already validated by the schema). */
export function fromWebhook(body: WebhookBody): InboundEmail {
  const from = parseAddresses(body.from)[0];
  if (!from) throw new EmailParseError('email has no sender address');
  const lowered = new Map(Object.entries(body.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const headers = (name: string) => lowered.get(name) ?? null;
  const date = Date.parse(headers('date') ?? '');
  return {
    from,
    to: parseAddresses(Array.isArray(body.to) ? body.to.join(', ') : body.to),
    cc: parseAddresses(headers('cc') ?? ''),
    subject: body.subject.trim(),
    text: bodyText(body.text, body.html),
    messageId: firstMessageId(headers('message-id')),
    inReplyTo: firstMessageId(headers('in-reply-to')),
    references: messageIds(headers('references') ?? undefined),
    date: Number.isNaN(date) ? null : date,
    attachments: [],
    automated: isAutomated(headers, from.address),
  };
}

function bodyText(text: string | undefined, html: string | undefined): string {
  const plain = text && text.trim() !== '' ? normalizeText(text) : html ? htmlToPlainText(html) : '';
  return stripQuotedReply(plain);
}

function toAddress(value: { address?: string; name?: string }): EmailAddress | null {
  const address = value.address?.trim().toLowerCase();
  if (!address || !address.includes('@')) return null;
  const name = value.name?.trim();
  return { address, name: name ? name : null };
}

function flatten(objects: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const list = objects === undefined ? [] : Array.isArray(objects) ? objects : [objects];
  const out: EmailAddress[] = [];
  for (const object of list) {
    for (const entry of object.value) {
      for (const member of entry.group ?? [entry]) {
        const address = toAddress(member);
        if (address && !out.some((a) => a.address === address.address)) out.push(address);
      }
    }
  }
  return out;
}

const addressList = flatten;
const firstAddress = (object: AddressObject | undefined): EmailAddress | null => flatten(object)[0] ?? null;

/** Address headers as plain strings, MIME encoded-words and groups included. */
function parseAddresses(value: string): EmailAddress[] {
  return value.trim() === '' ? [] : flatten(parseAddressHeader(value, { flatten: true }));
}

function fallbackAddress(value: string | undefined): EmailAddress | null {
  return value ? toAddress({ address: value }) : null;
}

/** Message ids as they appear in headers, brackets included; bare ids get their brackets back. */
function messageIds(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const joined = Array.isArray(value) ? value.join(' ') : value;
  const bracketed = joined.match(/<[^<>\s]+>/g);
  const ids = bracketed ?? joined.split(/[\s,]+/).filter((id) => id.includes('@')).map((id) => `<${id}>`);
  return [...new Set(ids)];
}

function firstMessageId(value: string | null | undefined): string | null {
  return value ? (messageIds(value)[0] ?? null) : null;
}

function headerText(value: HeaderValue | undefined): string | null {
  if (value === undefined) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => headerText(v as HeaderValue) ?? '').join(', ');
  if (value instanceof Date) return value.toISOString();
  if ('value' in value && typeof value.value === 'string') return value.value;
  if ('text' in value && typeof value.text === 'string') return value.text;
  return null;
}

const AUTOMATED_SENDER = /^(mailer-daemon|postmaster)@/i;

/** RFC 3834 and the de-facto headers of autoresponders, list servers and bounce daemons. */
function isAutomated(header: (name: string) => string | null, fromAddress: string): boolean {
  const autoSubmitted = header('auto-submitted')?.trim().toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return true;
  const precedence = header('precedence')?.trim().toLowerCase();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return true;
  if (header('x-autoreply') !== null || header('x-autorespond') !== null) return true;
  return AUTOMATED_SENDER.test(fromAddress);
}

/** Bounces are multipart/report (RFC 6522) even when their sender looks human. */
function isDeliveryReport(mail: ParsedMail): boolean {
  const contentType = mail.headers.get('content-type');
  const value = headerText(contentType);
  return value?.toLowerCase().startsWith('multipart/report') ?? false;
}

function attachments(mail: ParsedMail, maxBytes: number): InboundAttachment[] {
  return mail.attachments.map((a) => {
    const size = a.size ?? a.content.length;
    return {
      name: a.filename?.trim() || 'attachment',
      type: a.contentType || 'application/octet-stream',
      size,
      content: size <= maxBytes ? a.content : null,
    };
  });
}
