import { describe, expect, it } from 'vitest';
import { LIMITS, agentSendSchema, inboxListSchema, loginSchema, originSchema, visitorAuthSchema, visitorSendSchema } from './index.js';

const clientId = '3f1c2f1e-8a0b-4c3e-9a51-2b7f0b5d1c11';

describe('visitorSendSchema', () => {
  it('accepts a normal message', () => {
    expect(visitorSendSchema.parse({ clientId, text: 'Hola, ¿tenéis la talla M?' })).toEqual({ clientId, text: 'Hola, ¿tenéis la talla M?' });
  });
  it.each([
    ['blank text', { clientId, text: '   ' }],
    ['oversized text', { clientId, text: 'x'.repeat(LIMITS.messageText + 1) }],
    ['missing client id', { text: 'hi' }],
    ['client id with odd characters', { clientId: '../../etc/passwd', text: 'hi' }],
    ['number as text', { clientId, text: 42 }],
  ])('rejects %s', (_label, payload) => {
    expect(visitorSendSchema.safeParse(payload).success).toBe(false);
  });
  it('drops unknown keys so a visitor cannot smuggle a conversation id', () => {
    expect(visitorSendSchema.parse({ clientId, text: 'hi', conversationId: 'other' })).not.toHaveProperty('conversationId');
  });
});

describe('agent schemas', () => {
  it('requires a conversation id of id characters', () => {
    expect(agentSendSchema.safeParse({ conversationId: 'a b', clientId, text: 'hi' }).success).toBe(false);
    expect(agentSendSchema.safeParse({ conversationId: 'c_1', clientId, text: 'hi' }).success).toBe(true);
  });
  it('fills inbox defaults', () => {
    expect(inboxListSchema.parse({})).toEqual({ status: 'open', limit: 50 });
  });
});

describe('loginSchema', () => {
  it('normalises the email', () => {
    expect(loginSchema.parse({ email: '  Admin@Example.COM ', password: 'x' }).email).toBe('admin@example.com');
  });
});

describe('visitorAuthSchema', () => {
  it('bounds the token length', () => {
    expect(visitorAuthSchema.safeParse({ siteKey: 'k', token: 'x'.repeat(600) }).success).toBe(false);
  });
});

describe('originSchema', () => {
  it.each([
    ['https://shop.example.com', 'https://shop.example.com'],
    [' HTTPS://Shop.Example.com/ ', 'https://shop.example.com'],
    ['https://shop.example.com:443', 'https://shop.example.com'],
    ['http://localhost:8080', 'http://localhost:8080'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
  ])('takes %s as the origin browsers send, %s', (typed, origin) => {
    expect(originSchema.parse(typed)).toBe(origin);
  });
  it.each(['https://shop.example.com/cart', 'shop.example.com', 'ftp://shop.example.com', 'https://user@shop.example.com', 'https://shop.example.com?x', 'https://-bad-.example', ''])('refuses %s', (typed) => {
    expect(originSchema.safeParse(typed).success).toBe(false);
  });
});
