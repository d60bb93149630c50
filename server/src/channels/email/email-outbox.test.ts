import type { Delivery } from '@hilo/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestRedis, testClient, type TestRedis } from '../../../test/harness.js';
import { createLogger } from '../../logger.js';
import type { RedisClient } from '../../store/redis-client.js';
import { createEmailOutbox, type EmailOutbox, type EmailOutboxOptions, type OutboundJob } from './email-outbox.js';
import { createMailer, type Mailer } from './mailer.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

let server: TestRedis;
let redis: RedisClient;
let sink: SmtpSink;
let mailer: Mailer;
const logger = createLogger('silent');
const running: EmailOutbox[] = [];
const clients: RedisClient[] = [];

beforeAll(async () => {
  server = await startTestRedis();
  redis = await testClient(server.url);
  sink = await startSmtpSink();
  mailer = createMailer(sink.url);
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((o) => o.stop()));
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await redis.flushAll();
  sink.received.length = 0;
  sink.failNext(0);
});
afterAll(async () => {
  mailer.close();
  await sink.close();
  await redis.close();
  await server.dispose();
});

let seq = 0;
function job(overrides: Partial<OutboundJob['email']> = {}): OutboundJob {
  seq++;
  return {
    id: `job_${seq}`,
    siteId: 'site_1',
    conversationId: 'c_abc',
    hiloMessageId: `m_${seq}`,
    email: {
      from: 'Shop <support@shop.example>',
      replyTo: 'reply+c_abc@support.shop.example',
      to: 'jose@example.com',
      subject: 'Re: Pedido 1234',
      text: `reply ${seq}`,
      messageId: `<m_${seq}.c_abc@hilo.test>`,
      ...overrides,
    },
  };
}

function outbox(options: Partial<EmailOutboxOptions> = {}) {
  const deliveries: { jobId: string; delivery: Delivery }[] = [];
  const box = createEmailOutbox({
    redis,
    mailer,
    logger,
    onDelivery: (j, delivery) => {
      deliveries.push({ jobId: j.id, delivery });
    },
    baseDelayMs: 50,
    pollMs: 20,
    ...options,
  });
  running.push(box);
  return { box, deliveries };
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('email outbox', () => {
  it('delivers a reply with its threading headers and reports it sent', async () => {
    const { box, deliveries } = outbox();
    box.start();
    const j = job({ inReplyTo: '<in-1@example.com>', references: ['<first@example.com>', '<in-1@example.com>'] });
    await box.enqueue(j);
    const got = await sink.waitFor((m) => m.messageId === j.email.messageId, 5000);
    expect(got.inReplyTo).toBe('<in-1@example.com>');
    expect(got.references).toEqual(['<first@example.com>', '<in-1@example.com>']);
    expect(got.headers['reply-to']).toBe('reply+c_abc@support.shop.example');
    await until(() => deliveries.length === 1);
    expect(deliveries[0]).toEqual({ jobId: j.id, delivery: { status: 'sent', attempts: 1, error: null, nextAttemptAt: null } });
    expect((await box.get(j.id))?.status).toBe('sent');
    expect(await redis.zCard('hilo:{email}:outbox:due')).toBe(0);
  });

  it('keeps a job across worker restarts and sends it once even when enqueued twice', async () => {
    const { box, deliveries } = outbox();
    const j = job();
    await box.enqueue(j);
    await box.enqueue(j);
    // Nothing runs yet: the job waits durably in Redis for a worker (here a new one, as after a restart).
    const { box: later } = outbox();
    expect((await later.get(j.id))?.status).toBe('pending');
    later.start();
    await sink.waitFor((m) => m.messageId === j.email.messageId, 5000);
    await box.enqueue(j);
    await new Promise((r) => setTimeout(r, 150));
    expect(sink.received.filter((m) => m.messageId === j.email.messageId)).toHaveLength(1);
    expect(deliveries).toHaveLength(0);
  });

  it('retries with backoff: pending twice with the error, then sent', async () => {
    const { box, deliveries } = outbox();
    sink.failNext(2);
    const j = job();
    const before = Date.now();
    box.start();
    await box.enqueue(j);
    await until(() => deliveries.length === 3);
    const [first, second, third] = deliveries.map((d) => d.delivery);
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });
    expect(first?.error).toContain('451');
    expect(first?.nextAttemptAt).toBeGreaterThanOrEqual(before + 50);
    expect(second).toMatchObject({ status: 'pending', attempts: 2 });
    // Exponential: the second wait is at least twice the base delay.
    expect((second?.nextAttemptAt ?? 0) - (first?.nextAttemptAt ?? 0)).toBeGreaterThanOrEqual(100);
    expect(third).toEqual({ status: 'sent', attempts: 3, error: null, nextAttemptAt: null });
    expect(sink.received.filter((m) => m.messageId === j.email.messageId)).toHaveLength(1);
  });

  it('fails after maxAttempts, keeps the job, and retryNow sends it', async () => {
    const { box, deliveries } = outbox({ maxAttempts: 2 });
    sink.failNext(2);
    const j = job();
    box.start();
    await box.enqueue(j);
    await until(() => deliveries.length === 2);
    expect(deliveries[1]?.delivery).toMatchObject({ status: 'failed', attempts: 2, nextAttemptAt: null });
    await new Promise((r) => setTimeout(r, 200));
    expect(deliveries).toHaveLength(2);
    expect((await box.get(j.id))?.status).toBe('failed');

    expect(await box.retryNow(j.id)).toBe(true);
    await until(() => deliveries.length === 4);
    expect(deliveries[2]?.delivery).toMatchObject({ status: 'pending', attempts: 2 });
    expect(deliveries[3]?.delivery).toMatchObject({ status: 'sent', attempts: 3 });
    expect(await box.retryNow(j.id)).toBe(false);
    expect(await box.retryNow('unknown')).toBe(false);
  });

  it('never sends a job twice with two workers on one Redis', async () => {
    const workers = await Promise.all(
      [0, 1].map(async () => {
        const client = await testClient(server.url);
        clients.push(client);
        return outbox({ redis: client, pollMs: 5 });
      }),
    );
    const jobs = Array.from({ length: 30 }, () => job());
    for (const w of workers) w.box.start();
    const [first] = workers;
    if (!first) throw new Error('no worker');
    await Promise.all(jobs.map((j) => first.box.enqueue(j)));
    await until(() => sink.received.length >= jobs.length);
    await new Promise((r) => setTimeout(r, 200));
    const ids = sink.received.map((m) => m.messageId);
    expect(ids).toHaveLength(jobs.length);
    expect(new Set(ids).size).toBe(jobs.length);
    const reported = workers.reduce((sum, w) => sum + w.deliveries.length, 0);
    expect(reported).toBe(jobs.length);
  });

  it('gives a job whose worker died back to the queue after the lease, and ignores the late worker', async () => {
    let release: (() => void) | null = null;
    const hung: Pick<Mailer, 'send'> = {
      send: () => new Promise<void>((_resolve, reject) => (release = () => reject(new Error('connection reset')))),
    };
    const dead = outbox({ mailer: hung, leaseMs: 300 });
    const j = job();
    dead.box.start();
    await dead.box.enqueue(j);
    await until(() => release !== null);

    const wake = () => (release as unknown as () => void)();
    try {
      const alive = outbox({ leaseMs: 300 });
      alive.box.start();
      const started = Date.now();
      await sink.waitFor((m) => m.messageId === j.email.messageId, 5000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(200);
      await until(() => alive.deliveries.length === 1);

      // The "dead" worker wakes up with a failure: it must not overwrite the sent record.
      wake();
      await dead.box.stop();
      expect(dead.deliveries).toHaveLength(0);
      expect((await alive.box.get(j.id))?.status).toBe('sent');
    } finally {
      // Lets the hung send settle so the worker can stop even when an assertion failed.
      wake();
    }
    expect(sink.received.filter((m) => m.messageId === j.email.messageId)).toHaveLength(1);
  });
});
