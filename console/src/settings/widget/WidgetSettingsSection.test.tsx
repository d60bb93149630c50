import { DEFAULT_WIDGET_SETTINGS, type WidgetSettings } from '@hilo/shared';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { createWidgetSettingsModel } from './widget-settings-model';
import { WidgetSettingsSection } from './WidgetSettingsSection';

function fakeServer(initial: WidgetSettings = DEFAULT_WIDGET_SETTINGS, failSave?: { status: number; message: string }) {
  const puts: unknown[] = [];
  let stored = initial;
  const fetchImpl = async (_url: string, init?: RequestInit): Promise<Response> => {
    if (init?.method === 'PUT') {
      const body = JSON.parse(String(init.body)) as Partial<WidgetSettings>;
      puts.push(body);
      if (failSave) return new Response(JSON.stringify({ error: { code: 'bad_request', message: failSave.message } }), { status: failSave.status });
      stored = { ...stored, ...body };
      return new Response(JSON.stringify({ settings: stored }), { status: 200 });
    }
    return new Response(JSON.stringify({ settings: stored, agents: [{ id: 'a1', name: 'Marta Ruiz' }] }), { status: 200 });
  };
  return { model: createWidgetSettingsModel(fetchImpl), puts };
}

describe('WidgetSettingsSection', () => {
  it('loads, edits and saves colour, position, greeting, pre-chat, hours and agent names', async () => {
    const { model, puts } = fakeServer();
    render(<WidgetSettingsSection model={model} />);
    expect(screen.getByText('Loading widget settings…')).toBeTruthy();
    const greeting = await screen.findByLabelText(/^Greeting/);
    fireEvent.input(greeting, { target: { value: '¡Hola! ¿En qué te ayudo?' } });
    fireEvent.input(screen.getByLabelText('Brand colour'), { target: { value: '#0a7d33' } });
    fireEvent.change(screen.getByLabelText('Position'), { target: { value: 'left' } });
    fireEvent.change(screen.getByLabelText('Pre-chat form'), { target: { value: 'required' } });
    fireEvent.click(screen.getByLabelText('Only show the chat as open during these hours'));
    fireEvent.input(screen.getByLabelText(/^Time zone/), { target: { value: 'Europe/Madrid' } });
    fireEvent.click(screen.getByLabelText('Monday'));
    fireEvent.input(screen.getByLabelText('Display name for Marta Ruiz'), { target: { value: 'Marta' } });
    fireEvent.click(screen.getByText('Save widget settings'));

    await screen.findByText('Saved. Widgets update within a minute.');
    expect(puts[0]).toMatchObject({
      color: '#0a7d33',
      position: 'left',
      greeting: '¡Hola! ¿En qué te ayudo?',
      prechat: 'required',
      businessHours: { enabled: true, timeZone: 'Europe/Madrid', ranges: [{ day: 1, start: '09:00', end: '17:00' }] },
      agents: [{ agentId: 'a1', displayName: 'Marta', avatarUrl: null }],
    });
  });

  it('shows the server refusal and keeps the draft', async () => {
    const { model } = fakeServer(DEFAULT_WIDGET_SETTINGS, { status: 400, message: 'businessHours.timeZone: must be an IANA time zone' });
    render(<WidgetSettingsSection model={model} />);
    fireEvent.input(await screen.findByLabelText(/^Time zone/), { target: { value: 'Mars/Base' } });
    fireEvent.click(screen.getByText('Save widget settings'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('must be an IANA time zone'));
    expect((screen.getByLabelText(/^Time zone/) as HTMLInputElement).value).toBe('Mars/Base');
  });

  it('says so when the settings cannot be loaded', async () => {
    const model = createWidgetSettingsModel(async () => new Response(JSON.stringify({ error: { code: 'forbidden', message: 'Admins only' } }), { status: 403 }));
    render(<WidgetSettingsSection model={model} />);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Admins only'));
  });
});
