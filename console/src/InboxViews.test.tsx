import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { createInboxModel } from './inbox-model';
import { compareFor, matchesQuery } from './inbox-query';
import { InboxViews } from './InboxViews';
import { conversation } from './testing/fixtures';

describe('inbox views', () => {
  it('switches views by tab, team and label, and keeps the sort', () => {
    const onChange = vi.fn();
    const counts = { mine: 3, unassigned: 7, all: 40, snoozed: 0, resolved: 9 };
    render(<InboxViews query={{ view: 'all', sort: 'waiting' }} total={42} counts={counts} teams={[{ id: 't1', name: 'Billing', memberIds: [] }]} onChange={onChange} />);
    expect(screen.getByRole('tab', { name: /^Mine/ }).textContent).toBe('Mine3');
    const all = screen.getByRole('tab', { name: /^All/ });
    expect(all.getAttribute('aria-selected')).toBe('true');
    expect(all.textContent).toBe('All42');
    fireEvent.click(screen.getByRole('tab', { name: /^Mine/ }));
    expect(onChange).toHaveBeenLastCalledWith({ view: 'mine', sort: 'waiting' });
    fireEvent.change(screen.getByLabelText('Team view'), { target: { value: 't1' } });
    expect(onChange).toHaveBeenLastCalledWith({ view: 'team', teamId: 't1', sort: 'waiting' });
    fireEvent.input(screen.getByLabelText('Label view'), { target: { value: 'VIP' } });
    fireEvent.submit(screen.getByLabelText('Label view').closest('form') as HTMLFormElement);
    expect(onChange).toHaveBeenLastCalledWith({ view: 'label', label: 'vip', sort: 'waiting' });
    fireEvent.change(screen.getByLabelText('Sort'), { target: { value: 'activity' } });
    expect(onChange).toHaveBeenLastCalledWith({ view: 'all', sort: 'activity' });
  });

  it('matches conversations to views like the server does', () => {
    const mine = conversation('c1', { assigneeId: 'me' });
    expect(matchesQuery({ view: 'mine', sort: 'activity' }, 'me', mine)).toBe(true);
    expect(matchesQuery({ view: 'unassigned', sort: 'activity' }, 'me', mine)).toBe(false);
    expect(matchesQuery({ view: 'resolved', sort: 'activity' }, 'me', { ...mine, status: 'resolved' })).toBe(true);
    expect(matchesQuery({ view: 'snoozed', sort: 'activity' }, 'me', { ...mine, status: 'pending' })).toBe(true);
    expect(matchesQuery({ view: 'label', label: 'vip', sort: 'activity' }, 'me', { ...mine, labels: ['vip'] })).toBe(true);
    const order = [conversation('a', { waitingSince: null, updatedAt: 9 }), conversation('b', { waitingSince: 5 }), conversation('c', { waitingSince: 2 })];
    expect([...order].sort(compareFor({ view: 'all', sort: 'waiting' })).map((c) => c.id)).toEqual(['c', 'b', 'a']);
  });

  it('moves a row out of Mine when it is transferred away, and counts pages', () => {
    const inbox = createInboxModel(null, 'me');
    inbox.setQuery({ view: 'mine', sort: 'activity' });
    inbox.replaceAll([conversation('c1', { assigneeId: 'me' }), conversation('c2', { assigneeId: 'me' })], 120);
    inbox.upsert(conversation('c1', { assigneeId: 'bea' }));
    expect(inbox.state.get().conversations.map((c) => c.id)).toEqual(['c2']);
    expect(inbox.state.get().total).toBe(119);
    inbox.appendPage([conversation('c3', { assigneeId: 'me' })], 119);
    expect(inbox.state.get().conversations.map((c) => c.id)).toEqual(['c2', 'c3']);
  });
});
