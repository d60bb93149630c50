import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { Followup } from '../conversation-model';
import { FORMS } from '../locales/forms';
import { FollowupCard } from './FollowupCard';

const en = FORMS.en;
const es = FORMS.es;

const ask: Followup = { after: 'c1', status: 'ask', email: null };

function setup(followup: Followup = ask) {
  const onSubmit = vi.fn();
  const view = render(<FollowupCard followup={followup} strings={en} onSubmit={onSubmit} />);
  return { onSubmit, ...view };
}

const type = (value: string) => fireEvent.input(screen.getByLabelText('Email'), { target: { value } });
const send = () => fireEvent.click(screen.getByRole('button', { name: 'Send' }));

describe('FollowupCard', () => {
    it('asks for an email with a labelled field', () => {
    setup();
    expect(screen.getByText(en.followupAsk)).toBeTruthy();
    expect((screen.getByLabelText('Email') as HTMLInputElement).type).toBe('email');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it.each(['', 'ana', 'ana@', 'ana@shop', 'ana @shop.com'])('refuses %j with a message and does not send', (value) => {
    const { onSubmit } = setup();
    type(value);
    send();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe(en.emailInvalid);
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
  });

  it('sends a trimmed valid address and clears the error', () => {
    const { onSubmit } = setup();
    type('nope');
    send();
    type('  ana@example.com ');
    send();
    expect(onSubmit).toHaveBeenCalledWith('ana@example.com');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('disables Send while sending and says when sending failed', () => {
    const { rerender } = setup({ ...ask, status: 'sending' });
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
    rerender(<FollowupCard followup={{ ...ask, status: 'error' }} strings={en} onSubmit={vi.fn()} />);
    expect(screen.getByRole('alert').textContent).toBe(en.followupFailed);
  });

  it('only confirms, as text, when the address is known', () => {
    const { container } = setup({ after: null, status: 'done', email: '<b>$&ana</b>@example.com' });
    expect(container.textContent).toBe("We'll reply to <b>$&ana</b>@example.com.");
    expect(container.querySelector('form, input, b')).toBeNull();
  });

  it('speaks Spanish', () => {
    render(<FollowupCard followup={ask} strings={es} onSubmit={vi.fn()} />);
    expect(screen.getByLabelText('Correo electrónico')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Enviar' })).toBeTruthy();
  });
});
