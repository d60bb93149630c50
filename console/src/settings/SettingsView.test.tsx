import type { Ack, Agent } from '@hilo/shared';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { AGENT } from '../testing/fixtures';
import { createWorkflowModel } from '../workflow-model';
import { SettingsView } from './SettingsView';

const ADMIN = { ...AGENT, role: 'admin' as const };
const okWith = <T,>(data: T): Promise<Ack<T>> => Promise.resolve({ ok: true, data });

function setup(agent: Agent = ADMIN) {
  const model = createWorkflowModel();
  model.setAgents([
    { id: ADMIN.id, name: 'Ana', role: 'admin', status: 'online', load: 2, capacity: 5 },
    { id: 'a_bea', name: 'Bea', role: 'agent', status: 'offline', load: 0, capacity: 3 },
  ]);
  model.setTeams([{ id: 't1', name: 'Billing', memberIds: ['a_bea'] }]);
  const actions = {
    setCapacity: vi.fn(() => okWith({ id: 'a_bea', name: 'Bea', role: 'agent' as const, status: 'offline' as const, load: 0, capacity: 4 })),
    setRole: vi.fn(() => okWith({ id: 'a_bea', name: 'Bea', role: 'admin' as const, status: 'offline' as const, load: 0, capacity: 3 })),
    invite: vi.fn(() => okWith({ inviteUrl: 'http://hilo.test/console/?invite=tok', expiresAt: 1 })),
    saveTeam: vi.fn(() => okWith({ id: 't2', name: 'Sales', memberIds: [] })),
    saveRules: vi.fn((rules: unknown[]) => okWith(rules.map((r, i) => ({ ...(r as object), id: `r${i}` })) as never)),
    saveCanned: vi.fn(() => Promise.resolve({ ok: false as const, error: { code: 'conflict' as const, message: '/hi is already used' } })),
    deleteCanned: vi.fn(() => okWith(null)),
    deactivate: vi.fn(() => okWith(null)),
  };
  render(<SettingsView agent={agent} model={model} actions={actions} />);
  return { model, actions };
}

describe('Settings', () => {
  it('shows who is online and how many chats each holds; admins edit capacity and role', () => {
    const { actions } = setup();
    const bea = screen.getByRole('row', { name: /Bea/ });
    expect(bea.textContent).toContain('offline');
    fireEvent.change(screen.getByLabelText('Capacity of Bea'), { target: { value: '4' } });
    expect(actions.setCapacity).toHaveBeenCalledWith('a_bea', 4);
    fireEvent.change(screen.getByLabelText('Role of Bea'), { target: { value: 'admin' } });
    expect(actions.setRole).toHaveBeenCalledWith('a_bea', 'admin');
    // Deactivation asks for a second click, and is never offered on oneself.
    expect(screen.getAllByRole('button', { name: 'Deactivate' })).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Deactivate' }));
    expect(actions.deactivate).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm: deactivate Bea' }));
    expect(actions.deactivate).toHaveBeenCalledWith('a_bea');
  });

  it('creates an invite link to pass on', async () => {
    const { actions } = setup();
    const form = screen.getByRole('form', { name: 'Invite an agent' });
    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'cid@hilo.test' } });
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Cid' } });
    fireEvent.submit(form);
    expect(actions.invite).toHaveBeenCalledWith({ email: 'cid@hilo.test', name: 'Cid', role: 'agent' });
    await waitFor(() => expect((screen.getByLabelText('Invite link') as HTMLInputElement).value).toBe('http://hilo.test/console/?invite=tok'));
  });

  it('saves a team with members and an ordered routing rule', () => {
    const { actions } = setup();
    fireEvent.input(screen.getByLabelText('Team name'), { target: { value: 'Sales' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Bea' }));
    fireEvent.submit(screen.getByRole('form', { name: 'New team' }));
    expect(actions.saveTeam).toHaveBeenCalledWith({ name: 'Sales', memberIds: ['a_bea'] });
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    fireEvent.change(screen.getByLabelText('Rule 1 condition'), { target: { value: 'url' } });
    fireEvent.input(screen.getByLabelText('Rule 1 value'), { target: { value: '/pricing' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    expect(actions.saveRules).toHaveBeenCalledWith([{ match: 'url', value: '/pricing', teamId: 't1' }]);
  });

  it('shows a canned response conflict from the server', async () => {
    const { actions, model } = setup();
    act(() => model.setCanned([{ id: 'c1', shortcut: 'hi', text: 'Hello' }]));
    fireEvent.input(screen.getByLabelText('Shortcut'), { target: { value: '/hi' } });
    fireEvent.input(screen.getByLabelText('Text'), { target: { value: 'Hey {{name}}' } });
    fireEvent.submit(screen.getByRole('form', { name: 'New canned response' }));
    expect(actions.saveCanned).toHaveBeenCalledWith({ shortcut: 'hi', text: 'Hey {{name}}' });
    await waitFor(() => expect(screen.getByText('/hi is already used')).toBeTruthy());
  });

  it('hides admin sections, including Widget, from agents', () => {
    setup({ ...AGENT, role: 'agent' });
    expect(screen.queryByRole('heading', { name: 'Teams' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Widget' })).toBeNull();
    expect(screen.queryByLabelText('Capacity of Bea')).toBeNull();
  });
});
