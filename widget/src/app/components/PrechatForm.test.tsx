import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { FORMS } from '../locales/forms';
import { PrechatForm } from './PrechatForm';

const en = FORMS.en;
const es = FORMS.es;

describe('PrechatForm', () => {
  it('when required, refuses to start without a name and a valid email', () => {
    const onDone = vi.fn();
    render(<PrechatForm mode="required" strings={en} onDone={onDone} />);
    expect(screen.queryByText('Skip')).toBeNull();
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Ana' } });
    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'ana@' } });
    fireEvent.click(screen.getByText('Start chat'));
    expect(screen.getByRole('alert').textContent).toBe(en.prechatMissing);
    expect(onDone).not.toHaveBeenCalled();
    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'ana@shop.example' } });
    fireEvent.click(screen.getByText('Start chat'));
    expect(onDone).toHaveBeenCalledWith({ name: 'Ana', email: 'ana@shop.example' });
  });

  it('when optional, can be skipped or sent with only a name (in Spanish too)', () => {
    const onDone = vi.fn();
    render(<PrechatForm mode="optional" strings={es} onDone={onDone} />);
    fireEvent.click(screen.getByText('Omitir'));
    expect(onDone).toHaveBeenLastCalledWith(null);
    fireEvent.input(screen.getByLabelText('Nombre'), { target: { value: 'Ana' } });
    fireEvent.click(screen.getByText('Empezar chat'));
    expect(onDone).toHaveBeenLastCalledWith({ name: 'Ana', email: '' });
  });
});
