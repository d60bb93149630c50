import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { RatingState } from '../conversation-model';
import { RatingCard } from './RatingCard';

const ask: RatingState = { after: null, status: 'ask', transcript: 'idle' };

describe('RatingCard', () => {
  it('sends good or bad with a comment only once a choice is made', () => {
    const onRate = vi.fn();
    render(<RatingCard rating={ask} lang="en" onRate={onRate} onTranscript={vi.fn()} />);
    const send = screen.getByRole('button', { name: 'Send rating' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '👎 Bad' }));
    expect(screen.getByRole('button', { name: '👎 Bad' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.input(screen.getByLabelText('Anything to add? (optional)'), { target: { value: ' Too slow ' } });
    fireEvent.click(send);
    expect(onRate).toHaveBeenCalledWith('bad', 'Too slow');
  });

  it('thanks after rating, asks a valid email for the transcript, and says when it failed (Spanish)', () => {
    const onTranscript = vi.fn();
    const { rerender } = render(<RatingCard rating={{ ...ask, status: 'done' }} lang="es" onRate={vi.fn()} onTranscript={onTranscript} />);
    expect(screen.getByText('¡Gracias por tu opinión!')).toBeTruthy();
    const email = screen.getByLabelText(/Envíame una copia/);
    fireEvent.input(email, { target: { value: 'nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enviar copia' }));
    expect(onTranscript).not.toHaveBeenCalled();
    expect(email.getAttribute('aria-invalid')).toBe('true');
    fireEvent.input(email, { target: { value: 'ana@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enviar copia' }));
    expect(onTranscript).toHaveBeenCalledWith('ana@example.com');
    rerender(<RatingCard rating={{ ...ask, status: 'done', transcript: 'error' }} lang="es" onRate={vi.fn()} onTranscript={onTranscript} />);
    expect(screen.getByRole('alert').textContent).toBe('No se pudo enviar la copia. Inténtalo más tarde.');
    rerender(<RatingCard rating={{ ...ask, status: 'done', transcript: 'sent' }} lang="es" onRate={vi.fn()} onTranscript={onTranscript} />);
    expect(screen.getByText('Va de camino a tu correo.')).toBeTruthy();
  });
});
