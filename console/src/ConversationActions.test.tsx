import type { Ack, AgentSummary, Conversation } from '@hilo/shared';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { WorkflowActions } from './ConversationActions';
import { ConversationActions } from './ConversationActions';
import { AGENT, conversation } from './testing/fixtures';

const agents: AgentSummary[] = [
  { id: AGENT.id, name: 'Ana', role: 'agent', status: 'online', load: 1, capacity: 5 },
  { id: 'a_bea', name: 'Bea', role: 'agent', status: 'away', load: 2, capacity: 3 },
];
const teams = [{ id: 't1', name: 'Billing', memberIds: ['a_bea'] }];

function actions(result: Ack<Conversation> = { ok: true, data: conversation('c1') }): { [K in keyof WorkflowActions]: ReturnType<typeof vi.fn> } & WorkflowActions {
  const done = () => Promise.resolve(result);
  return { resolve: vi.fn(done), reopen: vi.fn(done), assign: vi.fn(done), transfer: vi.fn(done), setLabels: vi.fn(done), snooze: vi.fn(done) };
}

describe('ConversationActions', () => {
  it('assigns to me, to another agent, resolves, and shows load and presence in the picker', () => {
    const a = actions();
    render(<ConversationActions conversation={conversation('c1')} agent={AGENT} agents={agents} teams={teams} actions={a} />);
    expect(screen.getByRole('option', { name: 'Bea · away · 2/3' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Assign to me' }));
    expect(a.assign).toHaveBeenCalledWith('c1', AGENT.id);
    fireEvent.change(screen.getByLabelText('Assignee'), { target: { value: 'a_bea' } });
    expect(a.assign).toHaveBeenLastCalledWith('c1', 'a_bea');
    fireEvent.change(screen.getByLabelText('Assignee'), { target: { value: '' } });
    expect(a.assign).toHaveBeenLastCalledWith('c1', null);
    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    expect(a.resolve).toHaveBeenCalledWith('c1');
  });

  it('offers Reopen (and no assignment) on a resolved conversation', () => {
    const a = actions();
    render(<ConversationActions conversation={conversation('c1', { status: 'resolved' })} agent={AGENT} agents={agents} teams={teams} actions={a} />);
    expect(screen.queryByLabelText('Assignee')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Reopen' }));
    expect(a.reopen).toHaveBeenCalledWith('c1');
  });

  it('transfers to a team with a note and shows the server refusal', async () => {
    const a = actions({ ok: false, error: { code: 'not_found', message: 'Team not found' } });
    render(<ConversationActions conversation={conversation('c1')} agent={AGENT} agents={agents} teams={teams} actions={a} />);
    fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    fireEvent.change(screen.getByLabelText('Transfer to'), { target: { value: 'team:t1' } });
    fireEvent.input(screen.getByLabelText('Note for them'), { target: { value: ' Refund over 100 EUR ' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Transfer conversation' }));
    expect(a.transfer).toHaveBeenCalledWith('c1', { teamId: 't1' }, 'Refund over 100 EUR');
    await waitFor(() => expect(screen.getByText('Team not found')).toBeTruthy());
  });

  it('adds and removes labels, and snoozes to a preset', () => {
    const a = actions();
    render(<ConversationActions conversation={conversation('c1', { labels: ['vip'] })} agent={AGENT} agents={agents} teams={teams} actions={a} />);
    fireEvent.input(screen.getByLabelText('Add label'), { target: { value: 'Refund ' } });
    fireEvent.submit(screen.getByLabelText('Add label').closest('form') as HTMLFormElement);
    expect(a.setLabels).toHaveBeenCalledWith('c1', ['vip', 'refund']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove label vip' }));
    expect(a.setLabels).toHaveBeenLastCalledWith('c1', []);
    const select = screen.getByLabelText('Snooze') as HTMLSelectElement;
    const oneHour = Number(select.options[1]?.value);
    fireEvent.change(select, { target: { value: String(oneHour) } });
    expect(a.snooze).toHaveBeenCalledWith('c1', oneHour);
  });
});
