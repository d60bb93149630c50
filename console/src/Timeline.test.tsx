import type { TimelineEntry } from '@hilo/shared';
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { call, conversation, message, note } from './testing/fixtures';
import { Timeline } from './Timeline';

const EVIL = '<img src=x onerror=alert(1)>';

const outgoing = message('c2', 1, {
  author: { kind: 'agent', id: 'ag_1', name: 'Ana' },
  text: 'Line one\nLine two\nLine three is hidden at first',
  email: {
    direction: 'out',
    subject: 'Your refund',
    from: 'support@shop.example',
    to: ['marta@example.com'],
    messageId: '<m1@shop>',
    attachments: [
      { id: 'a1', name: 'invoice.pdf', type: 'application/pdf', size: 2048, url: '/api/attachments/a1' },
      { id: 'a2', name: 'huge.zip', type: 'application/zip', size: 30 * 1024 * 1024, url: null },
      { id: 'a3', name: 'trap.html', type: 'text/html', size: 10, url: 'javascript:alert(1)' },
    ],
  },
  delivery: { status: 'pending', attempts: 2, error: 'connection refused', nextAttemptAt: 200_000 },
});

const incoming = message('c2', 2, {
  text: EVIL,
  email: { direction: 'in', subject: 'Re: Your refund', from: 'marta@example.com', to: ['support@shop.example'], messageId: '<m2@x>', attachments: [] },
});

const entries: TimelineEntry[] = [
  { kind: 'note', at: 60_000, channel: 'note', note: note('n1', { text: EVIL, author: { id: 'ag_2', name: 'Bruno' } }) },
  { kind: 'call', at: 50_000, channel: 'phone', call: call('k1', { notes: 'Asked about the refund', durationSeconds: 125, outcome: 'voicemail' }) },
  // Deliberately out of order: the newest entry is last in the array.
  { kind: 'merge', at: 10_000, channel: 'system', merged: { id: 'ct_9', name: 'M. Ruiz' }, by: 'ag_1' },
  { kind: 'email', at: 30_000, channel: 'email', conversationId: 'c2', message: outgoing },
  { kind: 'email', at: 40_000, channel: 'email', conversationId: 'c2', message: incoming },
  {
    kind: 'conversation',
    at: 20_000,
    channel: 'chat',
    conversation: conversation('c1'),
    messageCount: 3,
    recent: [message('c1', 2, { text: 'Is the jacket in stock?' }), message('c1', 3, { author: { kind: 'agent', id: 'ag_1', name: 'Ana' }, text: 'Yes, size M' })],
  },
  { kind: 'note', at: 90_000, channel: 'note', note: note('n2', { text: 'Newest note' }) },
];

function renderTimeline() {
  const onOpen = vi.fn();
  render(<Timeline entries={entries} now={100_000} onOpenConversation={onOpen} />);
  const items = screen.getAllByRole('listitem').filter((li) => li.classList.contains('timeline-entry'));
  return { onOpen, items };
}

describe('Timeline', () => {
  it('lists entries newest first, each with its channel badge', () => {
    const { items } = renderTimeline();
    expect(items.map((li) => li.querySelector('.channel-badge')?.textContent)).toEqual(['Note', 'Note', 'Phone', 'Email', 'Email', 'Chat', 'System']);
    expect(items[0]?.textContent).toContain('Newest note');
    expect(items[0]?.querySelector('time')).toBeTruthy();
  });

  it('renders a chat conversation with count, last lines, and a button that opens it', () => {
    const { items, onOpen } = renderTimeline();
    const chat = items[5];
    if (!chat) throw new Error('missing');
    expect(within(chat).getByText('Chat', { selector: '.timeline-title' })).toBeTruthy();
    expect(within(chat).getByText('3 messages')).toBeTruthy();
    expect(chat.textContent).toContain('Customer: Is the jacket in stock?');
    expect(chat.textContent).toContain('Ana: Yes, size M');
    fireEvent.click(within(chat).getByRole('button', { name: 'Open conversation' }));
    expect(onOpen).toHaveBeenCalledWith('c1');
  });

  it('renders a call with direction, number, m:ss duration, outcome and notes', () => {
    const { items } = renderTimeline();
    const phone = items[2];
    expect(phone?.textContent).toContain('Inbound call');
    expect(phone?.textContent).toContain('+34612345678 · 2:05 · Voicemail');
    expect(phone?.textContent).toContain('Asked about the refund');
  });

  it('renders notes apart (author, yellow class) and merges', () => {
    const { items } = renderTimeline();
    expect(items[1]?.className).toContain('timeline-note');
    expect(items[1]?.textContent).toContain('Note by Bruno');
    expect(items[6]?.textContent).toContain('Merged with M. Ruiz');
  });

  it('shows HTML-looking text literally', () => {
    renderTimeline();
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getAllByText(EVIL)).toHaveLength(2);
  });

  it('shows an email sent: first two lines, expandable, attachments, delivery state', () => {
    const { items } = renderTimeline();
    const sent = items[4];
    if (!sent) throw new Error('missing');
    expect(within(sent).getByText('Email sent')).toBeTruthy();
    expect(within(sent).getByText('Your refund')).toBeTruthy();
    const body = sent.querySelector('.timeline-text');
    expect(body?.textContent).toBe('Line one\nLine two');
    const expand = within(sent).getByRole('button', { name: 'Show full email' });
    expect(expand.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(expand);
    expect(sent.querySelector('.timeline-text')?.textContent).toBe('Line one\nLine two\nLine three is hidden at first');
    expect(within(sent).getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).toBe('true');

    const link = within(sent).getByRole('link', { name: 'invoice.pdf (application/pdf, 2.0 KB)' });
    expect(link.getAttribute('href')).toMatch(/^http:\/\/localhost(:\d+)?\/api\/attachments\/a1$/);
    expect(within(sent).getByText('huge.zip (application/zip, 30.0 MB)').tagName).toBe('LI');
    expect(within(sent).getAllByRole('link')).toHaveLength(1);
    expect(within(sent).getByRole('status').textContent).toMatch(/^Failed: connection refused \(retrying at .+\)$/);
  });

  it('shows an email received with its subject and no delivery state', () => {
    const { items } = renderTimeline();
    const received = items[3];
    if (!received) throw new Error('missing');
    expect(within(received).getByText('Email received')).toBeTruthy();
    expect(within(received).getByText('Re: Your refund')).toBeTruthy();
    expect(within(received).queryByRole('status')).toBeNull();
    expect(within(received).queryByRole('button')).toBeNull();
  });
});
