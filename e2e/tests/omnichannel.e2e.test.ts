import { startSmtpSink, type SmtpSink } from '@hilo/server/smtp-sink';
import { createTransport } from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInToConsole } from './support/console.js';
import { launchChromium, screenshot, trackPageErrors } from './support/browser.js';
import { INTEGRATION_TOKEN, startHilo, type HiloProcess } from './support/hilo-process.js';

let hilo: HiloProcess;
let sink: SmtpSink;
let browser: Browser;

beforeAll(async () => {
  sink = await startSmtpSink();
  hilo = await startHilo({ smtpUrl: sink.url });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await hilo?.stop();
  await sink?.close();
});


async function openChat(shopper: Page, text: string): Promise<void> {
  await shopper.getByRole('button', { name: 'Open chat' }).click();
  const box = shopper.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

describe('one customer, one timeline', () => {
  it('shows Ana\u2019s email and phone call beside her live chat, and answers her email by SMTP', async () => {
    // Ana writes to support by real SMTP, and the phone system posts her call.
    const mail = createTransport({ host: '127.0.0.1', port: hilo.smtpPort, secure: false, ignoreTLS: true });
    await mail.sendMail({
      from: 'Ana García <ana@example.com>',
      to: 'support@hilo.test',
      subject: 'Gift wrapping for order #1077',
      text: 'Hola, ¿podéis envolver el pedido #1077 para regalo? Gracias, Ana',
      messageId: '<ana-1077@example.com>',
    });
    mail.close();
    const call = await fetch(`${hilo.url}/api/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INTEGRATION_TOKEN}` },
      body: JSON.stringify({ from: '+34 612 345 678', to: '+34 910 000 000', direction: 'inbound', startedAt: Date.now() - 3600_000, durationSeconds: 130, notes: 'Wants the gift note in Spanish' }),
    });
    expect(call.status).toBe(201);

    const agentContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const agent = await agentContext.newPage();
    await signInToConsole(agent, hilo.url, hilo.admin);

    // On the storefront, the shop signs Ana in (its backend computes the userHash) and she chats.
    const shopContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const shopper = await shopContext.newPage();
    const hostErrors = trackPageErrors(shopper);
    await shopper.goto(`${hilo.url}/demo`);
    await shopper.getByRole('button', { name: 'Sign in as Ana' }).click();
    await shopper.getByRole('button', { name: /Signed in as Ana García/ }).waitFor();
    await openChat(shopper, 'Hi, it is Ana again: did you see my email about gift wrapping?');
    await expect.poll(() => shopper.getByRole('log').textContent()).toContain('gift wrapping?');

    // The agent opens the chat and sees who it is, with the email and the call beside it.
    const row = agent.getByRole('button', { name: /Ana García/ }).filter({ hasText: 'gift wrapping?' }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    const panel = agent.getByRole('complementary', { name: 'Customer' });
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toContain('Gift wrapping for order #1077');
    const panelText = (await panel.textContent()) ?? '';
    expect(panelText).toContain('Ana García');
    expect(panelText).toContain('ana@example.com');
    expect(panelText).toContain('Wants the gift note in Spanish');
    expect(panelText).toContain('Where is my order #1042?');
    expect(panelText).toMatch(/Verified/);
    await screenshot(agent, 'console-customer-timeline');
    await screenshot(shopper, 'widget-identified-ana');

    // The shopper sees only her chat, never her emails or calls.
    const widgetText = (await shopper.getByRole('log').textContent()) ?? '';
    expect(widgetText).not.toContain('Gift wrapping for order');
    expect(widgetText).not.toContain('Where is my order');

    // The agent answers the email conversation from the same console.
    await agent.getByRole('button', { name: /Ana García/ }).filter({ hasText: 'envolver' }).first().click();
    const reply = agent.getByRole('textbox', { name: 'Reply' });
    await reply.fill('¡Claro, Ana! Lo envolvemos con una nota en español.');
    await reply.press('Enter');
    const delivered = await sink.waitFor((m) => m.text.includes('Lo envolvemos'), 15_000);
    expect(delivered.inReplyTo).toBe('<ana-1077@example.com>');
    expect(delivered.to).toContain('ana@example.com');
    expect(delivered.subject).toBe('Re: Gift wrapping for order #1077');
    await expect.poll(() => agent.getByRole('log').textContent(), { timeout: 10_000 }).toMatch(/Sent/);
    await screenshot(agent, 'console-email-reply');
    expect(hostErrors).toEqual([]);
    await agentContext.close();
    await shopContext.close();
  });

  it('keeps an unverified visitor who types Ana\u2019s email away from her history; the agent sees a possible match', async () => {
    // Nobody is online, so the widget offers to continue by email and the visitor types Ana's address.
    const shopContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const shopper = await shopContext.newPage();
    await shopper.goto(`${hilo.url}/demo`);
    await openChat(shopper, 'Hello? I want to change the address of my order');
    const email = shopper.getByRole('textbox', { name: 'Email' });
    await email.waitFor({ timeout: 10_000 });
    await email.fill('ana@example.com');
    await email.press('Enter');
    await expect.poll(() => shopper.getByRole('log').textContent()).toContain('ana@example.com');
    await screenshot(shopper, 'widget-followup-offer');

    const agentContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const agent = await agentContext.newPage();
    await signInToConsole(agent, hilo.url, hilo.admin);
    await agent.getByRole('button').filter({ hasText: 'change the address' }).first().click();
    const panel = agent.getByRole('complementary', { name: 'Customer' });
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toContain('Possible match');
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain('Ana García');
    expect(text).toContain('Unverified');
    // Not merged: none of Ana's history is on this visitor.
    expect(text).not.toContain('Where is my order #1042?');
    await screenshot(agent, 'console-possible-match');
    const widgetText = (await shopper.getByRole('log').textContent()) ?? '';
    expect(widgetText).not.toContain('Where is my order');
    await agentContext.close();
    await shopContext.close();
  });
});
