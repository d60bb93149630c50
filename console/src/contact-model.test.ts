import type { TimelineEntry } from '@hilo/shared';
import { describe, expect, it, vi } from 'vitest';
import type { ContactLoadResult } from './contact-model';
import { createContactModel } from './contact-model';
import { conversation, message, profile } from './testing/fixtures';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const emailEntry = (m: ReturnType<typeof message>): TimelineEntry => ({ kind: 'email', at: m.createdAt, channel: 'email', conversationId: m.conversationId, message: m });

/** A loader the test resolves by hand, to hold a fetch "in flight". */
function manualLoader(timeline: TimelineEntry[] = []) {
  const pending: ((result: ContactLoadResult) => void)[] = [];
  const load = vi.fn((contactId: string) => {
    void contactId;
    return new Promise<ContactLoadResult>((resolve) => pending.push(resolve));
  });
  const answerAll = () => {
    for (const resolve of pending.splice(0)) resolve({ ok: true, profile: profile(), timeline });
  };
  return { load, answerAll };
}

describe('contact model', () => {
  it('fetches at once when a customer is shown, and not again for the same one', async () => {
    const { load, answerAll } = manualLoader();
    const model = createContactModel(load, { coalesceMs: 10 });
    model.show('ct_1');
    model.show('ct_1');
    expect(load).toHaveBeenCalledTimes(1);
    expect(model.state.get().loading).toBe(true);
    answerAll();
    await wait(0);
    expect(model.state.get()).toMatchObject({ contactId: 'ct_1', loading: false, error: null });
    expect(model.state.get().profile?.contact.name).toBe('Marta Ruiz');
  });

  it('coalesces a burst of invalidations into one fetch', async () => {
    // Answers at once, so only the coalescing (not an in-flight fetch) can hold the burst together.
    const load = vi.fn((_contactId: string) => Promise.resolve<ContactLoadResult>({ ok: true, profile: profile(), timeline: [] }));
    const model = createContactModel(load, { coalesceMs: 10 });
    model.show('ct_1');
    await wait(0);
    load.mockClear();
    for (let i = 0; i < 5; i += 1) model.invalidate('ct_1');
    model.refresh();
    model.invalidate('someone-else');
    expect(load).not.toHaveBeenCalled();
    await wait(20);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('fetches exactly once more when invalidated during a fetch', async () => {
    const { load, answerAll } = manualLoader();
    const model = createContactModel(load, { coalesceMs: 5 });
    model.show('ct_1');
    model.invalidate('ct_1');
    await wait(10);
    model.invalidate('ct_1');
    await wait(10);
    // Still in flight: the later invalidations only mark it dirty.
    expect(load).toHaveBeenCalledTimes(1);
    answerAll();
    await wait(15);
    expect(load).toHaveBeenCalledTimes(2);
    answerAll();
    await wait(15);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('drops an answer for a customer no longer shown and loads the new one', async () => {
    const loads: string[] = [];
    const resolvers: ((r: ContactLoadResult) => void)[] = [];
    const model = createContactModel(
      (id) => {
        loads.push(id);
        return new Promise((resolve) => resolvers.push(resolve));
      },
      { coalesceMs: 1 },
    );
    model.show('ct_1');
    model.show('ct_2');
    resolvers[0]?.({ ok: true, profile: profile(), timeline: [] });
    await wait(10);
    expect(model.state.get().profile).toBeNull();
    expect(loads).toEqual(['ct_1', 'ct_2']);
    resolvers[1]?.({ ok: false, message: 'not found' });
    await wait(0);
    expect(model.state.get()).toMatchObject({ contactId: 'ct_2', error: 'not found', loading: false });
  });

  it('refetches for new messages of its own conversations only', async () => {
    const { load, answerAll } = manualLoader([emailEntry(message('c1', 1))]);
    const model = createContactModel(load, { coalesceMs: 1 });
    model.show('ct_1');
    answerAll();
    await wait(0);
    model.noteMessage(message('c9', 3));
    await wait(10);
    expect(load).toHaveBeenCalledTimes(1);
    model.noteMessage(message('c1', 2));
    await wait(10);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('replaces a message in place on message:updated without fetching', async () => {
    const sent = message('c1', 1, { delivery: { status: 'pending', attempts: 0, error: null, nextAttemptAt: null } });
    const convo: TimelineEntry = { kind: 'conversation', at: 1, channel: 'email', conversation: conversation('c1'), messageCount: 1, recent: [sent] };
    const { load, answerAll } = manualLoader([emailEntry(sent), convo]);
    const model = createContactModel(load, { coalesceMs: 1 });
    model.show('ct_1');
    answerAll();
    await wait(0);
    model.replaceMessage({ ...sent, delivery: { status: 'sent', attempts: 1, error: null, nextAttemptAt: null } });
    const [first, second] = model.state.get().timeline;
    expect(first?.kind === 'email' && first.message.delivery?.status).toBe('sent');
    expect(second?.kind === 'conversation' && second.recent[0]?.delivery?.status).toBe('sent');
    await wait(10);
    expect(load).toHaveBeenCalledTimes(1);
  });
});
