import type { Ack, Call, CallLogInput } from '@hilo/shared';
import { fireEvent, render, screen } from '@testing-library/preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { LogCallForm } from './LogCallForm';
import { flush } from './testing/fake-agent-socket';
import { call } from './testing/fixtures';

const NOW = new Date(2026, 10, 22, 14, 30).getTime();

function renderForm(answer: Ack<Call> = { ok: true, data: call('k1') }) {
  const onLog = vi.fn<(input: CallLogInput) => Promise<Ack<Call>>>(() => Promise.resolve(answer));
  render(<LogCallForm contactId="ct_1" defaultNumber="+34612345678" onLog={onLog} now={() => NOW} />);
  fireEvent.click(screen.getByRole('button', { name: 'Log a call' }));
  return onLog;
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

async function save() {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Save call' }));
    await flush();
  });
}

describe('LogCallForm', () => {
  it('opens with the customer\'s number and now as defaults', () => {
    renderForm();
    expect(field('Number').value).toBe('+34612345678');
    expect(field('Started at').value).toBe('2026-11-22T14:30');
    expect(field('Started at').type).toBe('datetime-local');
    expect(field('Direction').value).toBe('inbound');
    expect(field('Outcome').value).toBe('answered');
  });

  it('emits the call with seconds, the chosen direction and outcome, then closes', async () => {
    const onLog = renderForm();
    fireEvent.change(field('Direction'), { target: { value: 'outbound' } });
    fireEvent.input(field('Started at'), { target: { value: '2026-11-22T09:05' } });
    fireEvent.input(field('Duration (minutes)'), { target: { value: '2.5' } });
    fireEvent.change(field('Outcome'), { target: { value: 'voicemail' } });
    fireEvent.input(field('Notes'), { target: { value: ' Left a message ' } });
    await save();
    expect(onLog).toHaveBeenCalledWith({
      contactId: 'ct_1',
      number: '+34612345678',
      direction: 'outbound',
      startedAt: new Date(2026, 10, 22, 9, 5).getTime(),
      durationSeconds: 150,
      outcome: 'voicemail',
      notes: 'Left a message',
    });
    expect(screen.queryByRole('button', { name: 'Save call' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Log a call' })).toBeTruthy();
  });

  it('validates number and duration in an alert before sending', async () => {
    const onLog = renderForm();
    fireEvent.input(field('Number'), { target: { value: 'call me' } });
    fireEvent.input(field('Duration (minutes)'), { target: { value: '3' } });
    await save();
    expect(screen.getByRole('alert').textContent).toMatch(/phone number/);
    fireEvent.input(field('Number'), { target: { value: '+34 612 345 678' } });
    fireEvent.input(field('Duration (minutes)'), { target: { value: '' } });
    await save();
    expect(screen.getByRole('alert').textContent).toMatch(/Duration/);
    expect(onLog).not.toHaveBeenCalled();
  });

  it('shows a server refusal and stays open', async () => {
    renderForm({ ok: false, error: { code: 'bad_request', message: 'number: not a valid phone number' } });
    fireEvent.input(field('Duration (minutes)'), { target: { value: '1' } });
    await save();
    expect(screen.getByRole('alert').textContent).toBe('number: not a valid phone number');
    expect(screen.getByRole('button', { name: 'Save call' })).toBeTruthy();
  });
});
