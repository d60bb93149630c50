import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConversationModel } from './conversation-model';
import type { ConversationModel } from './conversation-model';
import { createOutbox } from './outbox';
import { createSiteStorage } from './site-storage';
import { FakeSocket, message, must, settle } from './test-support/fake-socket';
import { createVisitorConnection } from './visitor-connection';

// Profile sync through the real socket owner, with a fake socket playing the server.
let model: ConversationModel;
let sockets: FakeSocket[];
/** Destroyed after each test so no page-watcher timer outlives the DOM environment. */
const connections: { destroy(): void }[] = [];

function setup() {
  const storage = createSiteStorage('shop');
  model = createConversationModel(storage);
  sockets = [];
  const connection = createVisitorConnection({
    serverOrigin: 'https://chat.example.com',
    siteKey: 'shop',
    storage,
    model,
    outbox: createOutbox(storage),
    createSocket: (url, options) => {
      const socket = new FakeSocket(url, options);
      sockets.push(socket);
      return socket.asSocket();
    },
  });
  connections.push(connection);
  return connection;
}

/** Server side of a (re)connect: connect, empty history, then session:ready for `visitorId`. */
async function serverAccepts(socket: FakeSocket, visitorId = 'v1') {
  socket.serverConnect();
  socket.take('conversation:sync')[0]?.ack({ ok: true, data: null });
  socket.fire('session:ready', { visitorId, token: `tok-${visitorId}` });
  await settle();
}

const ana = { email: 'ana@example.com', name: 'Ana' };

describe('identity, attributes and page context', () => {
  beforeEach(() => {
    localStorage.clear();
    history.replaceState(null, '', '/start');
    document.title = 'Start';
  });
  afterEach(() => {
    for (const connection of connections.splice(0)) connection.destroy();
    for (const socket of sockets) socket.disconnect();
    vi.useRealTimers();
  });

  it('keeps identify before connect in localStorage, opens no socket, and sends it after connect', async () => {
    const connection = setup();
    connection.identify({ ...ana, phone: 42, extra: 'x' });
    expect(sockets).toHaveLength(0);
    expect(JSON.parse(localStorage.getItem('hilo:shop:identity') ?? 'null')).toMatchObject({ value: ana });

    connection.connect();
    const socket = must(sockets[0], 'a socket');
    await serverAccepts(socket);
    expect(socket.take('visitor:identify').map((e) => e.payload)).toEqual([ana]);
  });

  it('sends identify at once when already connected, and not again while unchanged', async () => {
    const connection = setup();
    connection.connect();
    const socket = must(sockets[0], 'a socket');
    await serverAccepts(socket);
    expect(socket.take('visitor:identify')).toEqual([]);

    connection.identify(ana);
    const [sent] = socket.take('visitor:identify');
    expect(sent?.payload).toEqual(ana);
    connection.identify({ ...ana }); // same, ack still on its way: no second copy
    expect(socket.take('visitor:identify')).toEqual([]);
    sent?.ack({ ok: true, data: { verified: false } });
    await settle();

    connection.identify({ name: ' Ana ', email: 'ana@example.com' });
    socket.serverDrop();
    await serverAccepts(socket);
    expect(socket.take('visitor:identify')).toEqual([]);

    connection.identify({ email: 'ana@example.com', name: 'Ana Ruiz' });
    expect(socket.take('visitor:identify').map((e) => e.payload)).toEqual([{ email: 'ana@example.com', name: 'Ana Ruiz' }]);
  });

  it('re-sends after a reconnect when the ack never came, and to a new visitor', async () => {
    const connection = setup();
    connection.identify(ana);
    connection.connect();
    const socket = must(sockets[0], 'a socket');
    await serverAccepts(socket);
    expect(socket.take('visitor:identify')).toHaveLength(1);
    socket.serverDrop(); // the ack is lost with the connection
    await serverAccepts(socket);
    const [again] = socket.take('visitor:identify');
    expect(again?.payload).toEqual(ana);
    again?.ack({ ok: true, data: { verified: false } });
    await settle();

    socket.serverDrop();
    await serverAccepts(socket, 'v2'); // the server made a new visitor (token lost): it must learn it again
    expect(socket.take('visitor:identify').map((e) => e.payload)).toEqual([ana]);
  });

  it('does not loop on an identity the server refuses', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const connection = setup();
    connection.identify({ email: 'not-an-email' });
    connection.connect();
    const socket = must(sockets[0], 'a socket');
    await serverAccepts(socket);
    socket.take('visitor:identify')[0]?.ack({ ok: false, error: { code: 'bad_request', message: 'email: invalid' } });
    await settle();
    expect(warn).toHaveBeenCalled();
    socket.serverDrop();
    await serverAccepts(socket);
    expect(socket.take('visitor:identify')).toEqual([]);
  });

  it('after a verified identify, re-syncs from order 0 and replaces the history of another conversation', async () => {
    const connection = setup();
    model.merge([message(1, { conversationId: 'c-anon' }), message(2, { conversationId: 'c-anon' })]);
    connection.connect();
    const socket = must(sockets[0], 'a socket');
    socket.serverConnect();
    socket.take('conversation:sync')[0]?.ack({ ok: true, data: { conversation: { id: 'c-anon' }, messages: [], hasMore: false } });
    socket.fire('session:ready', { visitorId: 'v1', token: 't' });
    await settle();

    connection.identify({ email: 'ana@example.com', userHash: 'a'.repeat(64) });
    socket.take('visitor:identify')[0]?.ack({ ok: true, data: { verified: true } });
    await settle();
    const [resync] = socket.take('conversation:sync');
    expect(resync?.payload).toEqual({ afterOrder: 0 });
    resync?.ack({ ok: true, data: { conversation: { id: 'c-ana' }, messages: [message(1, { id: 'x1', conversationId: 'c-ana', text: 'my old order' })], hasMore: false } });
    await settle();

    expect(model.get().conversationId).toBe('c-ana');
    expect(model.get().messages.map((m) => m.text)).toEqual(['my old order']);
    const cached = JSON.parse(localStorage.getItem('hilo:shop:history') ?? 'null') as { conversationId: string; messages: unknown[] };
    expect(cached.conversationId).toBe('c-ana');
    expect(cached.messages).toHaveLength(1);
  });

  it('does not re-sync after an unverified identify', async () => {
    const connection = setup();
    connection.connect();
    const socket = must(sockets[0], 'a socket');
    await serverAccepts(socket);
    connection.identify(ana);
    socket.take('visitor:identify')[0]?.ack({ ok: true, data: { verified: false } });
    await settle();
    expect(socket.take('conversation:sync')).toEqual([]);
  });

  it('sends the page and stored attributes on connect, then attribute changes as visitor:context', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const connection = setup();
    connection.setAttributes({ plan: 'pro', cart: 59.9, 'bad name!': 1, nested: { no: 1 } as never });
    expect(warn).toHaveBeenCalledTimes(2);
    expect(sockets).toHaveLength(0);
    expect(JSON.parse(localStorage.getItem('hilo:shop:attributes') ?? 'null')).toMatchObject({ value: { cart: 59.9, plan: 'pro' } });
    connection.connect();
    const socket = must(sockets[0], 'a socket');
    await serverAccepts(socket);
    const [first] = socket.take('visitor:context');
    expect(first?.payload).toEqual({ url: 'http://localhost:3000/start', title: 'Start', attributes: { cart: 59.9, plan: 'pro' } });
    first?.ack({ ok: true, data: null });
    await settle();

    connection.setAttributes({ plan: 'pro' }); // unchanged
    expect(socket.take('visitor:context')).toEqual([]);
    connection.setAttributes({ vip: true, cart: null });
    expect(socket.take('visitor:context').map((e) => e.payload)).toEqual([{ attributes: { plan: 'pro', vip: true } }]);
  });

  it('finds SPA route and title changes by polling, at most once a second, and stops on disconnect', async () => {
    vi.useFakeTimers();
    const pushState = history.pushState;
    const connection = setup();
    connection.connect();
    const socket = must(sockets[0], 'a socket');
    socket.serverConnect();
    socket.take('conversation:sync')[0]?.ack({ ok: true, data: null });
    socket.fire('session:ready', { visitorId: 'v1', token: 't' });
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.take('visitor:context').map((e) => e.payload)).toEqual([{ url: 'http://localhost:3000/start', title: 'Start' }]);

    history.pushState(null, '', '/products/42');
    expect(history.pushState).toBe(pushState); // the host page's globals are left alone
    await vi.advanceTimersByTimeAsync(1000);
    expect(socket.take('visitor:context').map((e) => e.payload)).toEqual([{ url: 'http://localhost:3000/products/42', title: 'Start' }]);

    document.title = 'Blue shoes';
    history.pushState(null, '', '/products/43');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.advanceTimersByTimeAsync(400);
    expect(socket.take('visitor:context')).toEqual([]); // throttled
    await vi.advanceTimersByTimeAsync(700);
    expect(socket.take('visitor:context').map((e) => e.payload)).toEqual([{ url: 'http://localhost:3000/products/43', title: 'Blue shoes' }]);
    await vi.advanceTimersByTimeAsync(3000);
    expect(socket.take('visitor:context')).toEqual([]); // nothing changed

    socket.serverDrop();
    history.pushState(null, '', '/cart');
    await vi.advanceTimersByTimeAsync(3000);
    expect(socket.take('visitor:context')).toEqual([]);
  });
});
