import type { HttpErrorBody, WidgetSettings, WidgetSettingsPatch } from '@hilo/shared';
import type { Observable } from '../../observable';
import { observable } from '../../observable';

export interface SiteAgent {
  id: string;
  name: string;
}

export interface WidgetSettingsState {
  status: 'loading' | 'ready' | 'saving' | 'error';
  settings: WidgetSettings | null;
  agents: SiteAgent[];
  /** Last load or save failure, as the server worded it. */
  error: string | null;
  savedAt: number | null;
}

export interface WidgetSettingsModel {
  state: Observable<WidgetSettingsState>;
  load(): Promise<void>;
  save(patch: WidgetSettingsPatch): Promise<boolean>;
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

async function errorOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as Partial<HttpErrorBody>;
    if (body.error?.message) return body.error.message;
  } catch {
    // not JSON
  }
  return `The server answered ${response.status}`;
}

/** The widget's site settings over `/api/widget-settings` (session cookie; the server lets only admins save). */
export function createWidgetSettingsModel(fetchImpl: Fetch = (input, init) => fetch(input, init), base = '/api/widget-settings'): WidgetSettingsModel {
  const state = observable<WidgetSettingsState>({ status: 'loading', settings: null, agents: [], error: null, savedAt: null });
  const fail = (error: string) => state.update((s) => ({ ...s, status: s.settings ? 'ready' : 'error', error }));

  return {
    state,
    async load() {
      state.update((s) => ({ ...s, status: 'loading', error: null }));
      try {
        const response = await fetchImpl(base, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
        if (!response.ok) return fail(await errorOf(response));
        const body = (await response.json()) as { settings: WidgetSettings; agents: SiteAgent[] };
        state.set({ status: 'ready', settings: body.settings, agents: body.agents, error: null, savedAt: null });
      } catch {
        fail('The server could not be reached');
      }
    },
    async save(patch) {
      state.update((s) => ({ ...s, status: 'saving', error: null }));
      try {
        const response = await fetchImpl(base, {
          method: 'PUT',
          credentials: 'same-origin',
          headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
          body: JSON.stringify(patch),
        });
        if (!response.ok) {
          fail(await errorOf(response));
          return false;
        }
        const body = (await response.json()) as { settings: WidgetSettings };
        state.update((s) => ({ ...s, status: 'ready', settings: body.settings, error: null, savedAt: Date.now() }));
        return true;
      } catch {
        fail('The server could not be reached');
        return false;
      }
    },
  };
}
