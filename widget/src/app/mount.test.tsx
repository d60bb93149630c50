import { act, fireEvent } from '@testing-library/preact';
import { options } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WidgetController } from '../contract';
import { loadExtras } from './components/use-extras';
import { mount } from './mount';
import { acceptConnection, FakeSocket, must, settle } from './test-support/fake-socket';

let host: HTMLElement;
let shadowRoot: ShadowRoot;
let launcher: HTMLButtonElement;
let sockets: FakeSocket[];
let widget: WidgetController;

function start(options: { lang?: string; nonce?: string } = {}) {
  host = document.createElement('hilo-chat');
  document.body.append(host);
  shadowRoot = host.attachShadow({ mode: 'open' });
  launcher = document.createElement('button');
  shadowRoot.append(launcher);
  sockets = [];
  act(() => {
    widget = mount({ shadowRoot, siteKey: 'shop', serverOrigin: 'https://chat.example.com', baseUrl: 'https://chat.example.com/widget/', launcher, zIndex: 1000, config: Promise.resolve(null), ...options }, (url, opts) => {
      const socket = new FakeSocket(url, opts);
      sockets.push(socket);
      return socket.asSocket();
    });
  });
}

/** Lazy chunks (Spanish strings, the forms) arrive after a real dynamic import, not a few ticks. */
async function chunks(): Promise<void> {
  await act(async () => {
    await Promise.all([loadExtras(), import('./locales/es')]);
    await settle();
  });
}

const panel = () => must(shadowRoot.querySelector<HTMLElement>('[role="dialog"]'), 'the panel');
const textarea = () => must(shadowRoot.querySelector('textarea'), 'the composer');

describe('mount', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    act(() => widget.destroy());
    host.remove();
  });

  it('adds its stylesheet (with the nonce) inside the shadow root, not the page', () => {
    const before = document.head.querySelectorAll('style').length;
    start({ nonce: 'n0nce' });
    const style = shadowRoot.querySelector('style');
    expect(style?.textContent).toContain('.panel');
    expect(style?.nonce || style?.getAttribute('nonce')).toBe('n0nce');
    expect(document.head.querySelectorAll('style').length).toBe(before);
  });

  it('opens no socket for a visitor who never chatted', () => {
    start();
    expect(sockets).toHaveLength(0);
    act(() => widget.open());
    expect(sockets).toHaveLength(1);
  });

  it('connects at once when a conversation is going, so replies arrive live', () => {
    localStorage.setItem('hilo:shop:active', '1');
    start();
    expect(sockets[0]?.connectCalls).toBe(1);
  });

  it('connects at once when messages from an earlier page wait in the outbox', () => {
    localStorage.setItem('hilo:shop:outbox', JSON.stringify([{ clientId: 'c-123456789', text: 'hi', createdAt: 1, status: 'sending' }]));
    start();
    expect(sockets[0]?.connectCalls).toBe(1);
    // The panel's contents are built on first open, not while the shop's page is loading.
    expect(shadowRoot.querySelector('[role="log"]')).toBeNull();
    act(() => widget.open());
    expect(shadowRoot.querySelector('[role="log"]')?.textContent).toContain('Sending…');
  });

  it('opens with focus in the composer and closes on Escape, returning focus to the launcher', async () => {
    start();
    expect(panel().classList.contains('open')).toBe(false);
    act(() => widget.open());
    await settle();
    expect(panel().classList.contains('open')).toBe(true);
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    expect(launcher.getAttribute('aria-label')).toBe('Close chat');
    expect(shadowRoot.activeElement).toBe(textarea());

    act(() => {
      fireEvent.keyDown(textarea(), { key: 'Escape' });
    });
    expect(panel().classList.contains('open')).toBe(false);
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(shadowRoot.activeElement).toBe(launcher);
  });

  it('leaves focus out of a panel closed before the effects of its opening render ran', async () => {
    start();
    // Effects wait for the next frame; hold that frame, as a busy page does, while the shopper closes.
    const frames: (() => void)[] = [];
    const previous = options.requestAnimationFrame;
    options.requestAnimationFrame = (callback) => void frames.push(callback);
    try {
      widget.open();
      await settle();
      expect(panel().classList.contains('open')).toBe(true);
      expect(frames.length).toBeGreaterThan(0);
      widget.close();
      await settle();
      for (const frame of frames.splice(0)) frame();
      await settle();
    } finally {
      options.requestAnimationFrame = previous;
    }
    expect(panel().classList.contains('open')).toBe(false);
    expect(shadowRoot.activeElement).not.toBe(textarea());
  });

  it('closes from the header button', () => {
    start();
    act(() => widget.toggle());
    act(() => {
      fireEvent.click(must(shadowRoot.querySelector('button[aria-label="Close chat"].x'), 'the close button'));
    });
    expect(panel().classList.contains('open')).toBe(false);
    act(() => widget.toggle());
    expect(panel().classList.contains('open')).toBe(true);
  });

  it('speaks Spanish when asked', async () => {
    start({ lang: 'es' });
    await chunks();
    expect(shadowRoot.querySelector('h2')?.textContent).toBe('Chatea con nosotros');
    expect(launcher.getAttribute('aria-label')).toBe('Abrir chat');
    act(() => widget.open());
    expect(shadowRoot.querySelector('textarea')?.getAttribute('aria-label')).toBe('Mensaje');
  });

  it('shows a typed message at once as sending, then as stored after the ack', async () => {
    start();
    act(() => widget.open());
    act(() => {
      fireEvent.input(textarea(), { target: { value: 'Is this in stock?' } });
      fireEvent.keyDown(textarea(), { key: 'Enter' });
    });
    const log = must(shadowRoot.querySelector('[role="log"]'), 'the log');
    expect(log.textContent).toContain('Is this in stock?');
    expect(log.textContent).toContain('Sending…');
    expect(shadowRoot.querySelector('[role="status"]')?.textContent).toBe('Connecting…');

    const socket = must(sockets[0], 'a socket');
    await act(async () => {
      socket.serverConnect();
      socket.take('conversation:sync')[0]?.ack({ ok: true, data: null });
      await settle();
    });
    const [send] = socket.take('message:send');
    const { clientId } = send?.payload as { clientId: string };
    await act(async () => {
      send?.ack({
        ok: true,
        data: { id: 'm1', conversationId: 'c1', order: 1, clientId, author: { kind: 'visitor', id: 'v1' }, text: 'Is this in stock?', createdAt: Date.now() },
      });
      await settle();
    });
    expect(log.textContent).not.toContain('Sending…');
    expect(log.querySelectorAll('.m')).toHaveLength(1);
    expect(shadowRoot.querySelector('[role="status"]')?.textContent).toBe('');
  });

  /** Opens the panel and plays a server that accepts the connection (no history yet). */
  async function openConnected() {
    act(() => widget.open());
    return acceptConnection(must(sockets[0], 'a socket'));
  }

  it('offers an email follow-up after the shopper\'s message, sends it with visitor:identify and confirms', async () => {
    start();
    const socket = await openConnected();
    act(() => {
      fireEvent.input(textarea(), { target: { value: 'Anyone there?' } });
      fireEvent.keyDown(textarea(), { key: 'Enter' });
    });
    await act(async () => {
      socket.fire('followup:offer', { email: null });
      await settle();
    });
    await chunks();
    const log = must(shadowRoot.querySelector('[role="log"]'), 'the log');
    const card = must(log.querySelector<HTMLFormElement>('form.card'), 'the follow-up card');
    expect(card.previousElementSibling?.textContent).toContain('Anyone there?');
    expect(card.textContent).toContain('No one is available right now. Leave your email and we\'ll reply there.');

    const input = must(card.querySelector('input'), 'the email field');
    expect(input.closest('label')?.textContent).toBe('Email');
    act(() => {
      fireEvent.input(input, { target: { value: 'not an email' } });
      fireEvent.submit(card);
    });
    expect(card.querySelector('[role="alert"]')?.textContent).toBe('Please enter a valid email address.');
    expect(socket.take('visitor:identify')).toEqual([]);

    act(() => {
      fireEvent.input(input, { target: { value: 'ana@example.com' } });
      fireEvent.click(must(card.querySelector('button'), 'the Send button'));
    });
    const [identify] = socket.take('visitor:identify');
    expect(identify?.payload).toEqual({ email: 'ana@example.com' });
    await act(async () => {
      identify?.ack({ ok: true, data: { verified: false } });
      await settle();
    });
    expect(log.querySelector('form')).toBeNull();
    expect(log.querySelector('.card')?.textContent).toBe("We'll reply to ana@example.com.");
  });

  it('only confirms when the offer carries a known email', async () => {
    start({ lang: 'es' });
    await chunks();
    const socket = await openConnected();
    await act(async () => {
      socket.fire('followup:offer', { email: 'ana@example.com' });
      await settle();
    });
    await chunks();
    expect(shadowRoot.querySelector('.card')?.textContent).toBe('Te responderemos en ana@example.com.');
    expect(shadowRoot.querySelector('.card input')).toBeNull();
  });

  it('keeps Hilo.identify / setAttributes in storage without opening a socket', () => {
    start();
    act(() => {
      widget.identify({ email: 'ana@example.com' });
      widget.setAttributes({ plan: 'pro' });
    });
    expect(sockets).toHaveLength(0);
    expect(localStorage.getItem('hilo:shop:identity')).toContain('ana@example.com');
    expect(localStorage.getItem('hilo:shop:attributes')).toContain('pro');
  });

  it('shutdown forgets the visitor: clears hilo:<site>:* keys, disconnects and empties the panel', async () => {
    localStorage.setItem('hilo:other-site:token', 'keep me');
    localStorage.setItem('unrelated', 'keep me too');
    start();
    act(() => widget.identify({ email: 'ana@example.com' }));
    const socket = await openConnected();
    await act(async () => {
      socket.fire('message:new', { id: 'm1', conversationId: 'c1', order: 1, clientId: 'x', author: { kind: 'agent', id: 'a1', name: 'Ana' }, text: 'Hi there', createdAt: 1 });
      socket.fire('followup:offer', { email: null });
      await settle();
    });
    await chunks();
    expect(localStorage.getItem('hilo:shop:token')).toBe('tok-1');
    expect(shadowRoot.querySelector('[role="log"]')?.textContent).toContain('Hi there');

    act(() => widget.shutdown());
    const ours = Object.keys(localStorage).filter((key) => key.startsWith('hilo:shop:'));
    expect(ours).toEqual([]);
    expect(localStorage.getItem('hilo:other-site:token')).toBe('keep me');
    expect(localStorage.getItem('unrelated')).toBe('keep me too');
    expect(socket.connected).toBe(false);
    expect(socket.active).toBe(false);
    expect(panel().classList.contains('open')).toBe(false);
    const log = must(shadowRoot.querySelector('[role="log"]'), 'the log');
    expect(log.textContent).not.toContain('Hi there');
    expect(log.querySelector('.card')).toBeNull();

    // The next chat is a new anonymous visitor on a new socket, without the old token.
    act(() => widget.open());
    expect(sockets).toHaveLength(2);
    expect(must(sockets[1], 'a new socket').auth()).toEqual({ siteKey: 'shop' });
  });
});
