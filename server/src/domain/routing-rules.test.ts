import type { RoutingRule } from '@hilo/shared';
import { describe, expect, it } from 'vitest';
import { matchTeam } from './routing-rules.js';

const rules: RoutingRule[] = [
  { id: 'r1', teamId: 't_email', match: 'channel', value: 'email' },
  { id: 'r2', teamId: 't_billing', match: 'keyword', value: 'refund' },
  { id: 'r3', teamId: 't_sales', match: 'url', value: '/pricing' },
  { id: 'r4', teamId: 't_billing', match: 'keyword', value: 'credit card' },
];

describe('routing rules', () => {
  it('sends by channel, keyword or page URL, first matching rule wins', () => {
    expect(matchTeam(rules, { url: null, channel: 'email', text: 'refund please' })).toBe('t_email');
    expect(matchTeam(rules, { url: 'https://shop.example/pricing', channel: 'chat', text: 'I want a REFUND.' })).toBe('t_billing');
    expect(matchTeam(rules, { url: 'https://shop.example/Pricing?plan=pro', channel: 'chat', text: 'hello' })).toBe('t_sales');
    expect(matchTeam(rules, { url: null, channel: 'chat', text: 'my Credit Card was charged twice' })).toBe('t_billing');
  });

  it('matches keywords as whole words and returns null when nothing matches', () => {
    expect(matchTeam(rules, { url: null, channel: 'chat', text: 'refunded? no: refunds' })).toBeNull();
    expect(matchTeam(rules, { url: 'https://shop.example/', channel: 'phone', text: 'hi' })).toBeNull();
    expect(matchTeam([], { url: null, channel: 'chat', text: 'refund' })).toBeNull();
  });
});
