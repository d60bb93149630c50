import type { TimelineEntry } from '@hilo/shared';
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './api-client';
import { createConsoleApp } from './console-app';
import { FakeAgentSocket, flush } from './testing/fake-agent-socket';
import { AGENT, conversation, message, profile } from './testing/fixtures';
import { Workspace } from './Workspace';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signedInWorkspace() {
  const socket = new FakeAgentSocket();
  const chat = conversation('c1', { visitorName: 'Marta', lastOrder: 1 });
  const oldEmail = conversation('c0', { channel: 'email', subject: 'Broken zip', status: 'resolved', lastOrder: 1 });
  const timeline: TimelineEntry[] = [
    { kind: 'conversation', at: 5_000, channel: 'chat', conversation: chat, messageCount: 1, recent: [message('c1', 1)] },
    { kind: 'conversation', at: 1_000, channel: 'email', conversation: oldEmail, messageCount: 1, recent: [message('c0', 1, { text: 'The zip is broken' })] },
  ];
  socket.handlers['inbox:view'] = () => ({ ok: true, data: { conversations: [chat], total: 1 } });
  socket.handlers['conversation:open'] = ({ conversationId }) => {
    const c = conversationId === 'c0' ? oldEmail : chat;
    return { ok: true, data: { conversation: c, messages: [message(c.id, 1, { text: `${c.id} first` })], hasMore: false } };
  };
  socket.handlers['contact:get'] = () => ({ ok: true, data: profile() });
  socket.handlers['timeline:get'] = () => ({ ok: true, data: timeline });
  const app = createConsoleApp({
    api: createApiClient(vi.fn(() => Promise.resolve(new Response(JSON.stringify({ agent: AGENT }), { status: 200, headers: { 'Content-Type': 'application/json' } })))),
    openSocket: () => socket.asSocket(),
  });
  await app.checkSession();
  const workspace = app.workspace.get();
  if (!workspace) throw new Error('not signed in');
  render(<Workspace workspace={workspace} onSignOut={() => undefined} />);
  await act(async () => {
    socket.serverAccept();
    await flush();
  });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: /Marta/ }));
    await flush();
  });
  return { socket, workspace };
}

describe('Workspace', () => {
  it('shows inbox, conversation and the customer panel side by side', async () => {
    await signedInWorkspace();
    expect(screen.getByRole('navigation', { name: 'Inbox' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Conversation' })).toBeTruthy();
    const panel = screen.getByRole('complementary', { name: 'Customer' });
    expect(within(panel).getByRole('heading', { name: 'Marta Ruiz' })).toBeTruthy();
    const toggle = screen.getByRole('button', { name: 'Customer' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(panel.parentElement?.className).toContain('is-open');
  });

  it('opens the customer full width and comes back', async () => {
    await signedInWorkspace();
    fireEvent.click(screen.getByRole('button', { name: 'View customer' }));
    const full = screen.getByRole('region', { name: 'Customer profile' });
    expect(within(full).getByRole('heading', { name: 'Marta Ruiz' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Conversation' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '← Back to conversation' }));
    expect(screen.getByRole('region', { name: 'Conversation' })).toBeTruthy();
  });

  it('opens an earlier email conversation from the timeline in the middle column', async () => {
    const { socket } = await signedInWorkspace();
    fireEvent.click(screen.getByRole('button', { name: 'View customer' }));
    const entries = screen.getAllByRole('button', { name: 'Open conversation' });
    await act(async () => {
      entries[1]?.click();
      await flush();
      await wait(10);
    });
    expect(socket.sent('conversation:open').at(-1)?.payload).toEqual({ conversationId: 'c0', afterOrder: 0 });
    expect(screen.getByText('c0 first')).toBeTruthy();
    expect((screen.getByLabelText('Reply') as HTMLTextAreaElement).placeholder).toMatch(/^Reply by email/);
    // Same customer: the panel stays, no refetch storm.
    expect(socket.sent('contact:get')).toHaveLength(1);
  });
});
