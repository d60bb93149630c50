import type { ContactProfile } from '@hilo/shared';
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { CustomerPanel } from './CustomerPanel';
import { flush } from './testing/fake-agent-socket';
import { contact, conversation, message, note, profile } from './testing/fixtures';
import { createHarness } from './testing/workspace-harness';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const marta: ContactProfile = profile({
  contact: contact('ct_1', {
    name: null,
    emails: [{ value: 'marta@example.com', verified: false }],
    phones: [{ value: '+34612345678', verified: true }],
    attributes: { plan: 'pro', cart: 129.5, locale: 'es-ES', '<b>x</b>': '<script>alert(1)</script>' },
  }),
  context: { url: 'javascript:alert(1)', title: 'Checkout <i>now</i>', visits: 4, lastSeenAt: 9_000 },
  possibleMatches: [contact('ct_old', { name: 'Marta Ruiz', emails: [{ value: 'marta@example.com', verified: true }] })],
});

/** A harness whose server knows one customer, opened through conversation c1 (contact ct_1). */
async function renderPanel(data: ContactProfile = marta) {
  const h = createHarness();
  h.socket.handlers['conversation:open'] = () => ({ ok: true, data: { conversation: conversation('c1'), messages: [message('c1', 1)], hasMore: false } });
  h.socket.handlers['contact:get'] = ({ contactId }) => ({ ok: true, data: contactId === 'ct_old' ? profile({ contact: contact('ct_old', { name: 'Marta Ruiz' }) }) : data });
  h.socket.handlers['timeline:get'] = () => ({ ok: true, data: [{ kind: 'note', at: 5_000, channel: 'note', note: note('n1', { text: 'VIP customer' }) }] });
  const onViewCustomer = vi.fn();
  const actions = { ...h.connection, openConversation: vi.fn() };
  render(<CustomerPanel contact={h.contact} actions={actions} onViewCustomer={onViewCustomer} />);
  await act(async () => {
    h.socket.serverAccept();
    h.connection.openConversation('c1');
    await flush();
  });
  return { h, onViewCustomer };
}

describe('CustomerPanel', () => {
  it('follows the open conversation to its customer and shows who they are', async () => {
    const { h, onViewCustomer } = await renderPanel();
    expect(h.socket.sent('contact:get').map((e) => e.payload)).toEqual([{ contactId: 'ct_1' }]);
    expect(h.socket.sent('timeline:get').map((e) => e.payload)).toEqual([{ contactId: 'ct_1' }]);
    fireEvent.click(screen.getByRole('button', { name: 'Unknown visitor' }));
    expect(onViewCustomer).toHaveBeenCalledTimes(1);
    expect(screen.getByText('VIP customer')).toBeTruthy();
  });

  it('marks each identity Verified or Unverified', async () => {
    await renderPanel();
    const emails = screen.getByRole('list', { name: 'Emails' });
    expect(emails.textContent).toBe('marta@example.comUnverified');
    expect(screen.getByRole('list', { name: 'Phones' }).textContent).toBe('+34612345678Verified');
  });

  it('lists site attributes and the visit context as text, never as markup or a javascript: link', async () => {
    await renderPanel();
    const list = document.querySelector('dl.attributes');
    const pairs = [...(list?.querySelectorAll('.attribute') ?? [])].map((row) => `${row.querySelector('dt')?.textContent}=${row.querySelector('dd')?.textContent}`);
    expect(pairs).toEqual(['plan=pro', 'cart=129.5', 'locale=es-ES', '<b>x</b>=<script>alert(1)</script>']);
    expect(document.querySelector('b, script, i')).toBeNull();
    expect(screen.getByText('Checkout <i>now</i>')).toBeTruthy();
    expect(screen.getByText('javascript:alert(1)').tagName).toBe('SPAN');
    expect(screen.queryByRole('link')).toBeNull();
    expect(document.querySelector('dl.visitor-context')?.textContent).toContain('Visits4');
  });

  it('links the current page only when it is http(s)', async () => {
    await renderPanel({ ...marta, context: { ...marta.context, url: 'https://shop.example/cart' } });
    expect(screen.getByRole('link', { name: 'https://shop.example/cart' }).getAttribute('href')).toBe('https://shop.example/cart');
  });

  it('merges into the possible match after an inline confirm, then shows the survivor', async () => {
    const { h } = await renderPanel();
    const notice = screen.getByText(/Possible match:/).closest('.possible-match') as HTMLElement;
    expect(notice.textContent).toContain('Possible match: Marta Ruiz marta@example.com');
    h.socket.handlers['contact:merge'] = () => ({ ok: true, data: contact('ct_old', { name: 'Marta Ruiz' }) });

    fireEvent.click(within(notice).getByRole('button', { name: 'Merge' }));
    expect(h.socket.sent('contact:merge')).toHaveLength(0);
    fireEvent.click(within(notice).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(notice).getByRole('button', { name: 'Merge' }));
    await act(async () => {
      fireEvent.click(within(notice).getByRole('button', { name: 'Confirm merge' }));
      await flush();
      await wait(10);
      await flush();
    });
    expect(h.socket.sent('contact:merge').map((e) => e.payload)).toEqual([{ survivorId: 'ct_old', mergedId: 'ct_1' }]);
    expect(h.socket.sent('contact:get').at(-1)?.payload).toEqual({ contactId: 'ct_old' });
    expect(screen.getByRole('heading', { name: 'Marta Ruiz' })).toBeTruthy();
  });

  it('explains a refused merge in an alert', async () => {
    const { h } = await renderPanel();
    h.socket.handlers['contact:merge'] = () => ({ ok: false, error: { code: 'conflict', message: 'Both contacts have verified emails' } });
    fireEvent.click(screen.getByRole('button', { name: 'Merge' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Confirm merge' }));
      await flush();
    });
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContain('Both contacts have verified emails');
  });

  it('refetches once for a burst of timeline:changed and contact:updated pushes', async () => {
    const { h } = await renderPanel();
    await act(async () => {
      h.socket.push('timeline:changed', { contactId: 'ct_1' });
      h.socket.push('contact:updated', marta.contact);
      h.socket.push('timeline:changed', { contactId: 'ct_1' });
      h.socket.push('timeline:changed', { contactId: 'ct_other' });
      await wait(20);
      await flush();
    });
    expect(h.socket.sent('timeline:get')).toHaveLength(2);
  });
});
