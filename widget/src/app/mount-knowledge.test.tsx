// The knowledge base in the widget, through `mount` as the loader calls it: suggestions while the
// shopper types, the article reader with "Did this help?", and the answer bot's card.
import type { ArticleHit, PublicArticle } from '@hilo/shared';
import { act, fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WidgetController } from '../contract';
import { mount } from './mount';
import { acceptConnection, FakeSocket, message, must, settle } from './test-support/fake-socket';

let host: HTMLElement;
let shadowRoot: ShadowRoot;
let sockets: FakeSocket[];
let widget: WidgetController;
let requests: { url: URL; init?: RequestInit }[];

const RETURNS: ArticleHit = { id: 'a1', title: 'How to return an order', excerpt: 'Send it back within 30 days', language: 'en', score: 3 };
const SIZES: ArticleHit = { id: 'a2', title: 'Size guide', excerpt: 'Find your size', language: 'en', score: 1 };
const ARTICLE: PublicArticle = {
  id: 'a1',
  title: 'How to return an order',
  html: '<p>Open <a href="https://shop.example.com/orders" rel="noopener noreferrer nofollow" target="_blank">your orders</a>, then:</p><ul><li>pick the item</li><li>print the label</li></ul><p>Use code <code>RET30</code>.</p>',
  body: [
    ['p', null, 'Open ', ['a', { href: 'https://shop.example.com/orders', rel: 'noopener noreferrer nofollow', target: '_blank' }, 'your orders'], ', then:'],
    ['ul', null, ['li', null, 'pick the item'], ['li', null, 'print the label']],
    ['p', null, 'Use code ', ['code', null, 'RET30'], '.'],
  ],
  tags: ['returns'],
  language: 'en',
  updatedAt: 1,
};

/** The Hilo server's /widget/kb routes as the widget calls them. */
function fakeKnowledgeServer() {
  requests = [];
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) => {
    const url = new URL(input);
    requests.push({ url, init });
    const json = (body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
    if (url.pathname === '/widget/kb/search') {
      const q = url.searchParams.get('q') ?? '';
      return json({ results: q.includes('return') ? [RETURNS, SIZES] : [] });
    }
    if (url.pathname === '/widget/kb/articles/a1') return json({ article: ARTICLE });
    if (url.pathname.endsWith('/feedback')) return Promise.resolve(new Response(null, { status: 204 }));
    return Promise.resolve(new Response('{}', { status: 404 }));
  });
}

function start(lang?: string) {
  host = document.createElement('hilo-chat');
  document.body.append(host);
  shadowRoot = host.attachShadow({ mode: 'open' });
  const launcher = document.createElement('button');
  shadowRoot.append(launcher);
  sockets = [];
  act(() => {
    widget = mount({ shadowRoot, siteKey: 'shop', serverOrigin: 'https://chat.example.com', baseUrl: 'https://chat.example.com/widget/', launcher, zIndex: 1000, config: Promise.resolve(null), lang }, (url, opts) => {
      const socket = new FakeSocket(url, opts);
      sockets.push(socket);
      return socket.asSocket();
    });
  });
}

async function openConnected() {
  await act(async () => {
    await Promise.all([import('./components/knowledge'), import('./locales/es')]);
    await settle();
  });
  act(() => widget.open());
  return acceptConnection(must(sockets[0], 'a socket'));
}

const $ = <E extends Element = HTMLElement>(selector: string) => must(shadowRoot.querySelector<E>(selector), selector);
const textarea = () => $<HTMLTextAreaElement>('textarea');
const buttonNamed = (name: string) => must([...shadowRoot.querySelectorAll('button')].find((b) => b.textContent?.trim() === name), `the ${name} button`);
const searches = () => requests.filter((r) => r.url.pathname === '/widget/kb/search');

describe('knowledge base in the widget', () => {
  beforeEach(() => {
    localStorage.clear();
    fakeKnowledgeServer();
  });
  afterEach(() => {
    act(() => widget.destroy());
    host.remove();
    vi.unstubAllGlobals();
  });

  it('suggests articles as the shopper types, opens one in the panel, takes feedback once, and hides on send', async () => {
    start();
    const socket = await openConnected();
    expect(shadowRoot.querySelector('.kbl')).toBeNull();

    for (const draft of ['Ho', 'How do I', 'How do I return']) act(() => void fireEvent.input(textarea(), { target: { value: draft } }));
    await waitFor(() => expect(shadowRoot.querySelectorAll('.kbl li')).toHaveLength(2));
    // One search for the words the shopper paused on, in their language, three at most.
    expect(searches().map((r) => Object.fromEntries(r.url.searchParams))).toEqual([{ site: 'shop', q: 'How do I return', lang: 'en', limit: '3' }]);
    expect($('.kbl').getAttribute('aria-label')).toBe('These articles might help');
    expect($('.kbl li').textContent).toBe('How to return an orderSend it back within 30 days');

    act(() => void fireEvent.click($('.kbl button')));
    await waitFor(() => expect($('.kbv h3').textContent).toBe('How to return an order'));
    const body = $('.kba');
    expect(body.querySelectorAll('li')).toHaveLength(2);
    expect(body.querySelector('code')?.textContent).toBe('RET30');
    const link = must(body.querySelector('a'), 'the article link');
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener noreferrer nofollow');
    expect(shadowRoot.activeElement?.textContent).toContain('Back to chat');

    act(() => void fireEvent.click(buttonNamed('Yes')));
    await waitFor(() => expect($('.kbf').textContent).toBe('Thanks for your feedback!'));
    const feedback = requests.filter((r) => r.url.pathname.endsWith('/feedback'));
    expect(feedback.map((r) => [r.url.pathname, r.url.searchParams.get('site'), r.init?.body])).toEqual([['/widget/kb/articles/a1/feedback', 'shop', '{"helpful":true}']]);

    // Back to the chat, then the same article again: it does not ask a second time.
    act(() => void fireEvent.click(buttonNamed('← Back to chat')));
    expect(shadowRoot.querySelector('.kbv')).toBeNull();
    expect(shadowRoot.activeElement).toBe(textarea());
    act(() => void fireEvent.click($('.kbl button')));
    await waitFor(() => expect($('.kbv h3').textContent).toBe('How to return an order'));
    expect($('.kbf').textContent).toBe('Thanks for your feedback!');
    // Escape leaves the article, not the chat.
    act(() => void fireEvent.keyDown($('.kbv button'), { key: 'Escape' }));
    expect(shadowRoot.querySelector('.kbv')).toBeNull();
    expect($('[role="dialog"]').classList.contains('open')).toBe(true);

    // The message still goes to the team as usual, and the suggestions go away.
    act(() => void fireEvent.keyDown(textarea(), { key: 'Enter' }));
    expect(socket.take('message:send').map((e) => (e.payload as { text: string }).text)).toEqual(['How do I return']);
    expect(shadowRoot.querySelector('.kbl')).toBeNull();
  });

  it('shows nothing when the knowledge base has no match, and clears when the draft is cleared', async () => {
    start();
    await openConnected();
    act(() => void fireEvent.input(textarea(), { target: { value: 'Do you ship to Mars?' } }));
    await waitFor(() => expect(searches()).toHaveLength(1));
    await act(() => settle());
    expect(shadowRoot.querySelector('.kbl')).toBeNull();

    act(() => void fireEvent.input(textarea(), { target: { value: 'return' } }));
    await waitFor(() => expect(shadowRoot.querySelectorAll('.kbl li')).toHaveLength(2));
    act(() => void fireEvent.input(textarea(), { target: { value: '' } }));
    expect(shadowRoot.querySelector('.kbl')).toBeNull();
  });

  it('draws the bot\'s article card with "solved" / "a person" on the latest offer, sends bot:reply, and opens the article', async () => {
    start();
    const socket = await openConnected();
    const offer = (order: number) => message(order, { author: { kind: 'bot', id: 'bot', name: 'Shop assistant' }, text: 'This article may help: How to return an order', bot: { articleId: 'a1', title: 'How to return an order', excerpt: 'Send it back within 30 days' } });
    await act(async () => {
      socket.fire('message:new', message(1, { author: { kind: 'visitor', id: 'v1' }, text: 'How do I return this?' }));
      socket.fire('message:new', offer(2));
      await settle();
    });
    await waitFor(() => expect(shadowRoot.querySelector('.kbo')).not.toBeNull());
    const card = $('.kbo');
    expect(card.previousElementSibling?.textContent).toContain('This article may help');
    expect(card.textContent).toContain('Send it back within 30 days');

    act(() => void fireEvent.click(buttonNamed('Yes, that solved it')));
    const [reply] = socket.take('bot:reply');
    expect(reply?.payload).toEqual({ helped: true });
    expect(buttonNamed('Talk to a person').disabled).toBe(true);
    await act(async () => {
      reply?.ack({ ok: true, data: null });
      socket.fire('conversation:resolved', { conversationId: 'c1' });
      await settle();
    });
    expect(card.querySelector('.kbr')).toBeNull();
    await waitFor(() => expect(shadowRoot.querySelector('.rating')).not.toBeNull());

    // The card opens the article in the panel.
    act(() => void fireEvent.click($('.kbc')));
    await waitFor(() => expect($('.kbv h3').textContent).toBe('How to return an order'));
  });

  it('asks only on the latest offer nobody else has answered, says when sending failed, and speaks Spanish', async () => {
    start('es');
    const socket = await openConnected();
    const offer = (order: number, articleId: string) => message(order, { author: { kind: 'bot', id: 'bot' }, text: 'Este artículo puede ayudarte', bot: { articleId, title: `Artículo ${articleId}`, excerpt: '' } });
    await act(async () => {
      socket.fire('message:new', offer(1, 'a1'));
      socket.fire('message:new', message(2, { author: { kind: 'visitor', id: 'v1' }, text: 'No, otra cosa' }));
      socket.fire('message:new', offer(3, 'a2'));
      await settle();
    });
    await waitFor(() => expect(shadowRoot.querySelectorAll('.kbo')).toHaveLength(2));
    const [older, latest] = [...shadowRoot.querySelectorAll('.kbo')];
    expect(older?.querySelector('.kbr')).toBeNull();
    expect(latest?.textContent).toContain('Leer el artículo');

    act(() => void fireEvent.click(buttonNamed('Hablar con una persona')));
    const [failed] = socket.take('bot:reply');
    expect(failed?.payload).toEqual({ helped: false });
    await act(async () => {
      failed?.ack({ ok: false, error: { code: 'unavailable', message: 'try later' } });
      await settle();
    });
    expect(latest?.querySelector('[role="alert"]')?.textContent).toBe('No se pudo enviar tu respuesta. Inténtalo de nuevo.');

    act(() => void fireEvent.click(buttonNamed('Hablar con una persona')));
    await act(async () => {
      socket.take('bot:reply')[0]?.ack({ ok: true, data: null });
      socket.fire('message:new', message(4, { author: { kind: 'bot', id: 'bot' }, text: 'De acuerdo, una persona te responderá aquí.' }));
      await settle();
    });
    expect(shadowRoot.querySelector('.kbr')).toBeNull();
  });

  it('does not ask again after a reload once the offer was answered, nor after an agent replied', async () => {
    start();
    let socket = await openConnected();
    const offer = message(1, { author: { kind: 'bot', id: 'bot' }, text: 'This article may help', bot: { articleId: 'a1', title: 'Returns', excerpt: '' } });
    await act(async () => {
      socket.fire('message:new', offer);
      await settle();
    });
    await waitFor(() => expect(shadowRoot.querySelector('.kbr')).not.toBeNull());
    act(() => void fireEvent.click(buttonNamed('Talk to a person')));
    await act(async () => {
      socket.take('bot:reply')[0]?.ack({ ok: true, data: null });
      await settle();
    });

    // Same browser, next page: the conversation shows from the cache before any socket.
    act(() => widget.destroy());
    host.remove();
    start();
    act(() => widget.open());
    await waitFor(() => expect(shadowRoot.querySelector('.kbo')).not.toBeNull());
    expect(shadowRoot.querySelector('.kbr')).toBeNull();

    localStorage.clear();
    act(() => widget.destroy());
    host.remove();
    start();
    socket = await openConnected();
    await act(async () => {
      socket.fire('message:new', offer);
      socket.fire('message:new', message(2, { text: 'Hi, Ana here. Let me check.' }));
      await settle();
    });
    await waitFor(() => expect(shadowRoot.querySelector('.kbo')).not.toBeNull());
    expect(shadowRoot.querySelector('.kbr')).toBeNull();
  });
});
