import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../conversation-model';
import { en } from '../locales/en';
import { es } from '../locales/es';
import { ConnectionStatus } from './ConnectionStatus';

describe('ConnectionStatus', () => {
    it.each<[ConnectionState, string]>([
    ['connecting', 'Connecting…'],
    ['offline', "Offline — we'll send when you're back"],
    ['unavailable', 'Chat is not available right now'],
  ])('says %s', (state, text) => {
    render(<ConnectionStatus state={state} strings={en} />);
    expect(screen.getByRole('status').textContent).toBe(text);
  });

  it.each<ConnectionState>(['online', 'idle'])('stays empty but present when %s', (state) => {
    render(<ConnectionStatus state={state} strings={en} />);
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('speaks the page language', () => {
    render(<ConnectionStatus state="offline" strings={es} />);
    expect(screen.getByRole('status').textContent).toBe(es.offline);
  });
});
