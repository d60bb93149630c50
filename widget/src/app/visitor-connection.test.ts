import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConversationModel } from './conversation-model';
import type { ConversationModel } from './conversation-model';
import { createOutbox } from './outbox';
import type { Outbox } from './outbox';
import { createSiteStorage } from './site-storage';
import type { SiteStorage } from './site-storage';
import { FakeSocket, message, must, settle } from './test-support/fake-socket';
import { createVisitorConnection } from './visitor-connection';

const conversation = { id: 'c1' };
const history = (messages: ReturnType<typeof message>[], hasMore = false) => ({ ok: true, data: { conversation, messages, hasMore } });
const stored = (order: number, clientId: string, text: string) =>
  message(order, { clientId, text, author: { kind: 'visitor', id: 'v1' } });

let storage: SiteStorage;
let model: ConversationModel;
let outbox: Outbox;
let sockets: FakeSocket[];
/** Every connection a test made, destroyed after it so no page-watcher timer outlives the DOM environment. */
const connections: { destroy(): void }[] = [];

function setup() {
  storage = createSiteStorage('shop');
  model = createConversationModel(storage);
  outbox = createOutbox(storage);
  model.setPending(outbox.get());
  outbox.subscribe((items) => model.setPending(items));
  sockets = [];
  const connection = createVisitorConnection({
    serverOrigin: 'https://chat.example.com',
    siteKey: 'shop',
    storage,
    model,
    outbox,
    ackTimeoutMs: 5_000,
    retryBaseMs: 50,
    createSocket: (url, options) => {
      const socket = new FakeSocket(url, options);
      sockets.push(socket);
      return socket.asSocket();
    },
  });
  connections.push(connection);
  return connection;
}

/** Connects and answers the first sync with `messages`. */
async function connectAndSync(socket: FakeSocket, messages: ReturnType<typeof message>[] = []) {
  socket.serverConnect();
  const [sync] = socket.take('conversation:sync');
  sync?.ack(messages.length ? history(messages) : { ok: true, data: null });
  await settle();
}

describe('visitor connection', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    for (const connection of connections.splice(0)) connection.destroy();
    vi.useRealTimers();
  });

  it('opens no socket until asked', () => {
    setup();
    expect(sockets).toHaveLength(0);
  });

  it('connects to the /visitor namespace with the site key and the stored token', () => {
    localStorage.setItem('hilo:shop:token', 'tok-1');
    const connection = setup();
    connection.connect();
    connection.connect();
    const socket = must(sockets[0], 'a socket');
    expect(sockets).toHaveLength(1);
    expect(socket.url).toBe('https://chat.example.com/visitor');
    expect(socket.connectCalls).toBe(1);
    expect(socket.auth()).toEqual({ siteKey: 'shop', token: 'tok-1' });
    expect(model.get().connection).toBe('connecting');
  });

  it('stores the token from session:ready and presents it on the next connect', () => {
    const connection = setup();
    connection.connect();
    const socket = must(sockets[0], 'a socket');
    expect(socket.auth()).toEqual({ siteKey: 'shop' });
    socket.serverConnect();
    socket.fire('session:ready', { visitorId: 'v1', token: 'fresh-token' });
    expect(localStorage.getItem('hilo:shop:token')).toBe('fresh-token');
    expect(socket.auth()).toEqual({ siteKey: 'shop', token: 'fresh-token' });
  });

  it('syncs after connect from the highest order held, paging while hasMore', async () => {
    const connection = setup();
    model.merge([message(1), message(2)]);
    connection.connect();
    const socket = must(sockets[0], 'a socket');
    socket.serverConnect();
    expect(model.get().connection).toBe('online');

    const [first] = socket.take('conversation:sync');
    expect(first?.payload).toEqual({ afterOrder: 2 });
    first?.ack(history([message(3), message(4)], true));
    await settle();

    const [second] = socket.take('conversation:sync');
    expect(second?.payload).toEqual({ afterOrder: 4 });
    second?.ack(history([message(5)], false));
    await settle();

    expect(socket.take('conversation:sync')).toEqual([]);
    expect(model.get().messages.map((m) => m.order)).toEqual([1, 2, 3, 4, 5]);
  });

  it('syncs again after a reconnect with the last order it got meanwhile', async () => {
    const connection = setup();
    connection.connect();
    const socket = must(sockets[0], 'a socket');
    await connectAndSync(socket, [message(1)]);
    socket.fire('message:new', message(2));
    socket.serverDrop();
    expect(model.get().connection).toBe('offline');
    socket.serverConnect();
    expect(socket.take('conversation:sync').map((e) => e.payload)).toEqual([{ afterOrder: 2 }]);
  });

  it('fetches what lies in a hole in the orders of pushed messages', async () => {
    const connection = setup();
    connection.connect();
    const socket = must(sockets[0], 'a socket');
    await connectAndSync(socket, [message(1)]);
    socket.fire('message:new', message(2));
    expect(socket.take('conversation:sync')).toEqual([]);
    // Order 3 never came.
    socket.fire('message:new', message(4));
    const [sync] = socket.take('conversation:sync');
    expect(sync?.payload).toEqual({ afterOrder: 2 });
    sync?.ack(history([message(3), message(4)]));
    await settle();
    expect(model.get().messages.map((m) => m.order)).toEqual([1, 2, 3, 4]);
  });

  it('catches up when the server says it missed pushes, at a random moment within the window it gives', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    try {
      const connection = setup();
      connection.connect();
      const socket = must(sockets[0], 'a socket');
      await connectAndSync(socket, [message(1)]);
      socket.fire('sync:needed', { withinMs: 200 });
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(socket.take('conversation:sync')).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 80));
      const [sync] = socket.take('conversation:sync');
      expect(sync?.payload).toEqual({ afterOrder: 1 });
      sync?.ack(history([message(2)]));
      await settle();
      expect(model.get().messages.map((m) => m.order)).toEqual([1, 2]);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('asks again for the history when the server sheds the sync, no sooner than it says', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    try {
      const connection = setup();
      model.merge([message(1)]);
      connection.connect();
      const socket = must(sockets[0], 'a socket');
      socket.serverConnect();
      socket.take('conversation:sync')[0]?.ack({ ok: false, error: { code: 'unavailable', message: 'Server busy; retry shortly', retryAfterMs: 80 } });
      await new Promise((resolve) => setTimeout(resolve, 40));
      expect(socket.take('conversation:sync')).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 60));
      const [again] = socket.take('conversation:sync');
      expect(again?.payload).toEqual({ afterOrder: 1 });
      again?.ack(history([message(2)]));
      await settle();
      expect(model.get().messages.map((m) => m.order)).toEqual([1, 2]);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('forgets the chat at once when another customer signs in on this browser', async () => {
    const connection = setup();
    connection.connect();
    const socket = must(sockets[0], 'a socket');
    await connectAndSync(socket, [message(1), message(2)]);
    // The server detached the chat from this browser and says so with an immediate hint.
    socket.fire('sync:needed', { withinMs: 0 });
    await settle();
    const [sync] = socket.take('conversation:sync');
    expect(sync?.payload).toEqual({ afterOrder: 2 });
    sync?.ack({ ok: true, data: null });
    await settle();
    expect(model.get()).toMatchObject({ conversationId: null, messages: [] });
  });

  it('drops a stale cache when the server has no conversation for this visitor', async () => {
    const connection = setup();
    model.merge([message(1)]);
    connection.connect();
    await connectAndSync(must(sockets[0], 'a socket'), []);
    expect(model.get().messages).toEqual([]);
  });

  it('sends after the sync, removes the item on its ack and marks the visitor active', async () => {
    const connection = setup();
    connection.send('  Hello there  ');
    const [item] = outbox.get();
    expect(item).toMatchObject({ text: 'Hello there', status: 'sending' });
    expect(JSON.parse(localStorage.getItem('hilo:shop:outbox') ?? '[]')).toHaveLength(1);
    expect(localStorage.getItem('hilo:shop:active')).toBe('1');

    const socket = must(sockets[0], 'a socket');
    socket.serverConnect();
    expect(socket.take('message:send')).toEqual([]);
    socket.take('conversation:sync')[0]?.ack({ ok: true, data: null });
    await settle();

    const [send] = socket.take('message:send');
    expect(send?.payload).toEqual({ clientId: item?.clientId, text: 'Hello there' });
    send?.ack({ ok: true, data: stored(1, must(item).clientId, 'Hello there') });
    await settle();
    expect(outbox.get()).toEqual([]);
    expect(model.get().messages.map((m) => m.clientId)).toEqual([item?.clientId]);
  });

  it('re-sends unacknowledged messages with the same clientId after a reconnect, in order', async () => {
    const connection = setup();
    connection.connect();
    const socket = must(sockets[0], 'a socket');
    await connectAndSync(socket);
    connection.send('first');
    connection.send('second');
    await settle();
    const [lost] = socket.take('message:send');
    expect(lost?.payload).toMatchObject({ text: 'first' });
    // One at a time: the second waits for the first's ack.
    expect(socket.take('message:send')).toEqual([]);

    socket.serverDrop();
    await settle();
    lost?.ack({ ok: true, data: stored(1, 'late', 'first') }); // an ack from the dead connection is ignored
    await settle();
    expect(outbox.get().map((i) => i.text)).toEqual(['first', 'second']);

    await connectAndSync(socket);
    const [again] = socket.take('message:send');
    expect(again?.payload).toEqual(lost?.payload);
    again?.ack({ ok: true, data: stored(1, must(outbox.get()[0]).clientId, 'first') });
    await settle();
    const [next] = socket.take('message:send');
    expect(next?.payload).toMatchObject({ text: 'second' });
  });

  it('re-sends the outbox left by a previous page after reload', async () => {
    const before = createOutbox(createSiteStorage('shop')).add('typed before reload');
    const connection = setup();
    connection.connect();
    await connectAndSync(must(sockets[0], 'a socket'));
    expect(must(sockets[0], 'a socket').take('message:send').map((e) => e.payload)).toEqual([{ clientId: before.clientId, text: 'typed before reload' }]);
  });

  it('marks a message failed on bad_request and moves on to the next one', async () => {
    const connection = setup();
    connection.connect();
    const socket = must(sockets[0], 'a socket');
    await connectAndSync(socket);
    connection.send('bad');
    connection.send('good');
    await settle();
    socket.take('message:send')[0]?.ack({ ok: false, error: { code: 'bad_request', message: 'text: must not be empty' } });
    await settle();
    expect(outbox.get()[0]).toMatchObject({ text: 'bad', status: 'failed', error: 'text: must not be empty' });
    expect(socket.take('message:send').map((e) => e.payload)).toEqual([expect.objectContaining({ text: 'good' })]);
  });

  it('retries later on rate_limited, with the same clientId', async () => {
    const connection = setup();
    connection.connect();
    const socket = must(sockets[0], 'a socket');
    await connectAndSync(socket);
    connection.send('hi');
    await settle();
    const [first] = socket.take('message:send');
    first?.ack({ ok: false, error: { code: 'rate_limited', message: 'slow down' } });
    await settle();
    expect(socket.take('message:send')).toEqual([]);
    expect(outbox.get()[0]?.status).toBe('sending');
    await new Promise((resolve) => setTimeout(resolve, 80));
    await settle();
    const [retry] = socket.take('message:send');
    expect(retry?.payload).toEqual(first?.payload);
  });

  it('waits at least the retryAfterMs the server asked for before sending again', async () => {
    const connection = setup();
    connection.connect();
    const socket = must(sockets[0], 'a socket');
    await connectAndSync(socket);
    connection.send('hi');
    await settle();
    const [first] = socket.take('message:send');
    first?.ack({ ok: false, error: { code: 'rate_limited', message: 'slow down', retryAfterMs: 300 } });
    await settle();
    // The 50 ms backoff alone would have resent by now.
    await new Promise((resolve) => setTimeout(resolve, 150));
    await settle();
    expect(socket.take('message:send')).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await settle();
    expect(socket.take('message:send').map((e) => e.payload)).toEqual([first?.payload]);
  });

  it('retry() puts a failed message back in line', async () => {
    const connection = setup();
    connection.connect();
    const socket = must(sockets[0], 'a socket');
    await connectAndSync(socket);
    connection.send('x');
    await settle();
    const [first] = socket.take('message:send');
    first?.ack({ ok: false, error: { code: 'bad_request', message: 'nope' } });
    await settle();
    connection.retry(must(outbox.get()[0]).clientId);
    await settle();
    expect(socket.take('message:send').map((e) => e.payload)).toEqual([first?.payload]);
  });

  it('merges pushed messages and presence', () => {
    const connection = setup();
    connection.connect();
    const socket = must(sockets[0], 'a socket');
    socket.serverConnect();
    socket.fire('message:new', message(1));
    socket.fire('message:new', message(1));
    socket.fire('agents:presence', { online: 2, agents: [] });
    expect(model.get().messages).toHaveLength(1);
    expect(model.get().agentsOnline).toBe(2);
  });

  it('reports a refused site as unavailable', () => {
    const connection = setup();
    connection.connect();
    const socket = must(sockets[0], 'a socket');
    socket.active = false;
    socket.fire('connect_error', new Error('forbidden_origin'));
    expect(model.get().connection).toBe('unavailable');
  });

  it('drops an unreadable token once and reconnects as a new visitor', () => {
    localStorage.setItem('hilo:shop:token', 'garbage');
    const connection = setup();
    connection.connect();
    const socket = must(sockets[0], 'a socket');
    socket.active = false;
    socket.fire('connect_error', new Error('bad_request'));
    expect(localStorage.getItem('hilo:shop:token')).toBeNull();
    expect(socket.connectCalls).toBe(2);
    expect(socket.auth()).toEqual({ siteKey: 'shop' });
  });
});
