import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { MESSAGE_TEXT_MAX } from '../limits';
import { en } from '../locales/en';
import { Composer } from './Composer';

function setup() {
  const onSend = vi.fn();
  render(<Composer strings={en} maxLength={MESSAGE_TEXT_MAX} onSend={onSend} />);
  const input = screen.getByLabelText('Message') as HTMLTextAreaElement;
  const button = screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement;
  return { onSend, input, button };
}

describe('Composer', () => {
    it('sends on Enter and clears the field', () => {
    const { onSend, input } = setup();
    fireEvent.input(input, { target: { value: 'Do you ship to Spain?' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('Do you ship to Spain?');
    expect(input.value).toBe('');
  });

  it('does not send on Shift+Enter (newline)', () => {
    const { onSend, input } = setup();
    fireEvent.input(input, { target: { value: 'line one' } });
    const notCancelled = fireEvent.keyDown(input, { key: 'Enter', shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
    expect(notCancelled).toBe(true);
  });

  it('is disabled while empty or blank', () => {
    const { onSend, input, button } = setup();
    expect(button.disabled).toBe(true);
    fireEvent.input(input, { target: { value: '   \n ' } });
    expect(button.disabled).toBe(true);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.input(input, { target: { value: 'hi' } });
    expect(button.disabled).toBe(false);
  });

  it('sends with the button and caps the length', () => {
    const { onSend, input, button } = setup();
    expect(input.maxLength).toBe(4000);
    fireEvent.input(input, { target: { value: 'hi' } });
    fireEvent.click(button);
    expect(onSend).toHaveBeenCalledWith('hi');
  });

  it('has a keyboard-reachable attach button that hands the picked file over (only when attaching is on)', () => {
    const onAttach = vi.fn();
    const { container } = render(<Composer strings={en} maxLength={MESSAGE_TEXT_MAX} onSend={vi.fn()} onAttach={onAttach} />);
    const attach = screen.getByRole('button', { name: 'Attach a file' });
    const input = container.querySelector('input[type="file"]') as HTMLInputElement;
    const click = vi.spyOn(input, 'click');
    fireEvent.click(attach);
    expect(click).toHaveBeenCalled();
    const file = new File(['x'], 'a.png', { type: 'image/png' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    fireEvent.change(input);
    expect(onAttach).toHaveBeenCalledWith(file);
    cleanup();
    render(<Composer strings={en} maxLength={MESSAGE_TEXT_MAX} onSend={vi.fn()} />);
    expect(screen.queryByRole('button', { name: 'Attach a file' })).toBeNull();
  });
});
