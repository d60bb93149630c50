import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { AcceptInvite } from './AcceptInvite';
import { ApiError } from './api-client';

const fill = (password: string, repeat = password) => {
  fireEvent.input(screen.getByLabelText('New password'), { target: { value: password } });
  fireEvent.input(screen.getByLabelText('Repeat password'), { target: { value: repeat } });
  fireEvent.click(screen.getByRole('button', { name: 'Set password and sign in' }));
};

describe('AcceptInvite', () => {
  it('checks length and the repeat before asking the server', () => {
    const accept = vi.fn(() => Promise.resolve());
    render(<AcceptInvite accept={accept} />);
    fill('short');
    expect(screen.getByRole('alert').textContent).toBe('Use at least 10 characters');
    fill('long enough pw', 'long enough pX');
    expect(screen.getByRole('alert').textContent).toBe('The two passwords differ');
    expect(accept).not.toHaveBeenCalled();
    fill('long enough pw');
    expect(accept).toHaveBeenCalledWith('long enough pw');
  });

  it('explains a used or expired link', async () => {
    render(<AcceptInvite accept={() => Promise.reject(new ApiError(404, 'not_found', 'gone'))} />);
    fill('long enough pw');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('already used or has expired'));
  });
});
