// The widget with site settings (look, greeting, pre-chat, hours, agent profiles), live chat signals
// (typing, seen, unread) and the Hilo.on events, through `mount` as the loader calls it.
import type { WidgetConfig } from '@hilo/shared';
import { DEFAULT_WIDGET_SETTINGS } from '@hilo/shared/constants';
import { act, fireEvent } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WidgetController } from '../contract';
import { loadExtras } from './components/use-extras';
import { mount } from './mount';
import { acceptConnection, FakeSocket, message, must, settle } from './test-support/fake-socket';

let host: HTMLElement;
let shadowRoot: ShadowRoot;
let launcher: HTMLButtonElement;
let sockets: FakeSocket[];
let widget: WidgetController;

const config = (fields: Partial<WidgetConfig>): WidgetConfig => ({ ...DEFAULT_WIDGET_SETTINGS, ink: '#fff', accent: '#4f46e5', ...fields });

async function start(fields: Partial<WidgetConfig> = {}) {
  host = document.createElement('hilo-chat');
  document.body.append(host);
  shadowRoot = host.attachShadow({ mode: 'open' });
  launcher = document.createElement('button');
  shadowRoot.append(launcher);
  sockets = [];
  act(() => {
    widget = mount(
      { shadowRoot, siteKey: 'shop', serverOrigin: 'https://chat.example.com', baseUrl: 'https://chat.example.com/widget/', launcher, zIndex: 1000, config: Promise.resolve(config(fields)) },
      (url, opts) => {
        const socket = new FakeSocket(url, opts);
        sockets.push(socket);
        return socket.asSocket();
      },
    );
  });
  await act(async () => {
    await loadExtras();
    await settle();
  });
}

async function openConnected() {
  act(() => widget.open());
  return acceptConnection(must(sockets[0], 'a socket'));
}

const $ = <E extends Element = HTMLElement>(selector: string) => must(shadowRoot.querySelector<E>(selector), selector);
const textarea = () => $<HTMLTextAreaElement>('textarea');

describe('mount with site settings', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    act(() => widget.destroy());
    host.remove();
    vi.useRealTimers();
  });

  it('applies colour, text colour, side, offsets and the greeting', async () => {
    await start({ color: '#ffd400', ink: '#111827', accent: '#374151', position: 'left', offsetX: 32, offsetY: 90, zIndex: 5, greeting: 'Hola 👋 ¿Buscas tu talla?' });
    const container = must(shadowRoot.querySelector<HTMLElement>('div.left'), 'the container on the left');
    expect(container.style.getPropertyValue('--b')).toBe('#ffd400');
    expect(container.style.getPropertyValue('--bt')).toBe('#111827');
    expect(container.style.getPropertyValue('--x')).toBe('32px');
    expect(container.style.getPropertyValue('--y')).toBe('90px');
    expect(container.style.getPropertyValue('--z')).toBe('5');
    act(() => widget.open());
    expect($('.hello').textContent).toBe('Hola 👋 ¿Buscas tu talla?');
  });

  it('asks for name and email first when the site requires it, then shows the composer', async () => {
    await start({ prechat: 'required' });
    act(() => widget.open());
    await act(() => settle());
    expect(shadowRoot.querySelector('textarea')).toBeNull();
    const [name, email] = [...shadowRoot.querySelectorAll('form.prechat input')] as HTMLInputElement[];
    expect(shadowRoot.activeElement).toBe(name);
    act(() => {
      fireEvent.input(must(name), { target: { value: 'Ana' } });
      fireEvent.input(must(email), { target: { value: 'ana@shop.example' } });
      fireEvent.submit($('form.prechat'));
    });
    expect(shadowRoot.querySelector('form.prechat')).toBeNull();
    expect(textarea()).toBeTruthy();
    expect(localStorage.getItem('hilo:shop:identity')).toContain('ana@shop.example');
  });

  it('outside business hours says so and offers email right after the first message', async () => {
    // Sunday with only Monday hours.
    vi.useFakeTimers({ now: new Date('2026-11-22T12:00:00Z'), shouldAdvanceTime: true });
    await start({ businessHours: { enabled: true, timeZone: 'Europe/Madrid', ranges: [{ day: 1, start: '09:00', end: '17:00' }] } });
    await openConnected();
    expect($('.head p').textContent).toBe("We're closed right now — leave a message");
    act(() => {
      fireEvent.input(textarea(), { target: { value: 'Is the shop open tomorrow?' } });
      fireEvent.keyDown(textarea(), { key: 'Enter' });
    });
    await act(() => settle());
    expect($('form.card').textContent).toContain('Leave your email');
  });

  it('shows agent display names and avatars, the agent typing, and "Seen" on the last own message', async () => {
    await start({ agents: [{ agentId: 'a1', displayName: 'Marta', avatarUrl: 'https://cdn.example/marta.png' }] });
    const socket = await openConnected();
    await act(async () => {
      socket.fire('message:new', message(1, { author: { kind: 'visitor', id: 'v1' }, text: 'Hi', clientId: 'c-1' }));
      socket.fire('message:new', message(2, { author: { kind: 'agent', id: 'a1', name: 'Marta Ruiz' }, text: 'Hello! See https://shop.example/track' }));
      socket.fire('message:new', message(3, { author: { kind: 'visitor', id: 'v1' }, text: 'Thanks', clientId: 'c-3' }));
      socket.fire('typing:agent', { agentId: 'a1', name: 'Marta Ruiz', typing: true });
      await settle();
    });
    expect($('.them .who').textContent).toBe('Marta');
    expect($<HTMLImageElement>('.them img.av').getAttribute('src')).toBe('https://cdn.example/marta.png');
    expect($('.them .b a').getAttribute('href')).toBe('https://shop.example/track');
    expect($('.typing').textContent).toBe('Marta is typing…');
    expect(shadowRoot.textContent).not.toContain('Seen');

    await act(async () => {
      socket.fire('conversation:read-state', { conversationId: 'c1', visitor: 3, agent: 3 });
      await settle();
    });
    const mine = [...shadowRoot.querySelectorAll('.m.me')];
    expect(mine.at(-1)?.textContent).toContain('Seen');
    expect(mine[0]?.textContent).not.toContain('Seen');
  });

  it('sends the draft as typing and read receipts for what the open panel shows', async () => {
    await start();
    const socket = await openConnected();
    act(() => {
      fireEvent.input(textarea(), { target: { value: 'Where is' } });
    });
    expect(socket.take('typing:set').map((e) => e.payload)).toEqual([{ draft: 'Where is' }]);
    await act(async () => {
      socket.fire('message:new', message(1, { text: 'Hi there' }));
      await settle();
    });
    expect(socket.take('conversation:read').map((e) => e.payload)).toEqual([{ order: 1 }]);
  });

  it('counts unread replies on the launcher and title while closed, and emits Hilo.on events', async () => {
    document.title = 'Shoes';
    await start();
    const seen: unknown[] = [];
    for (const event of ['ready', 'open', 'close', 'unread', 'message'] as const) widget.on(event, (...args: unknown[]) => seen.push([event, ...args]));
    const socket = await openConnected();
    act(() => widget.close());
    await act(async () => {
      socket.fire('message:new', message(1, { text: 'Your order shipped', createdAt: Date.now() }));
      await settle();
    });
    expect($('.n').textContent).toBe('1');
    expect(document.title).toBe('(1) New message · Shoes');
    expect(launcher.getAttribute('aria-label')).toBe('Open chat (1)');
    act(() => widget.open());
    expect(document.title).toBe('Shoes');
    expect(shadowRoot.querySelector('.n')).toBeNull();
    expect(seen).toEqual([
      ['ready'],
      ['open'],
      ['close'],
      ['unread', 1],
      ['message', expect.objectContaining({ text: 'Your order shipped', author: 'agent' })],
      ['unread', 0],
      ['open'],
    ]);
  });

  it('offers the rating when the agent resolves, and sends it and the transcript request', async () => {
    await start();
    const socket = await openConnected();
    await act(async () => {
      socket.fire('message:new', message(1, { text: 'Anything else?' }));
      socket.fire('conversation:resolved', { conversationId: 'c1' });
      await loadExtras();
      await settle();
    });
    act(() => {
      fireEvent.click(must([...shadowRoot.querySelectorAll('button')].find((b) => b.textContent?.includes('Good')), 'the Good button'));
    });
    act(() => {
      fireEvent.submit($('.rating form'));
    });
    const [rate] = socket.take('conversation:rate');
    expect(rate?.payload).toEqual({ rating: 'good', comment: '' });
    await act(async () => {
      rate?.ack({ ok: true, data: { conversationId: 'c1', rating: 'good', comment: '', ratedAt: 1 } });
      await settle();
    });
    expect($('.rating').textContent).toContain('Thanks for your feedback!');
    const forms = shadowRoot.querySelectorAll('.rating form');
    act(() => {
      fireEvent.input(must(forms[0]?.querySelector('input')), { target: { value: 'ana@shop.example' } });
      fireEvent.submit(must(forms[0]));
    });
    expect(socket.take('conversation:transcript').map((e) => e.payload)).toEqual([{ email: 'ana@shop.example' }]);
  });
});
