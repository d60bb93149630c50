import type { SiteInstall } from '@hilo/shared';
import { ApiError, createJsonRequest, type Fetch } from '../api-client';
import { observable, type Observable } from '../observable';
import { createBusyAction, messageOf } from './busy-action';

export interface InstallState {
  status: 'loading' | 'ready' | 'error';
  install: SiteInstall | null;
  /** The last failure, as the server worded it (a refused origin names itself). */
  error: string | null;
  busy: boolean;
}

export interface InstallModel {
  state: Observable<InstallState>;
  load(): Promise<void>;
  /** Replaces the allow-list; resolves true when saved (the server answers it normalised). */
  saveOrigins(origins: string[]): Promise<boolean>;
}

/** The embed snippet, allowed origins and identity secret over `/api/site` (admin session cookie). */
export function createInstallModel(fetchImpl?: Fetch, base = '/api'): InstallModel {
  const request = createJsonRequest(fetchImpl, base);
  const state = observable<InstallState>({ status: 'loading', install: null, error: null, busy: false });
  const act = createBusyAction(state);
  return {
    state,
    async load() {
      try {
        const install = await request<SiteInstall>('GET', '/site/install');
        state.update((s) => ({ ...s, status: 'ready', install: install ?? null, error: null }));
      } catch (error) {
        state.update((s) => ({ ...s, status: 'error', error: messageOf(error) }));
      }
    },
    saveOrigins(origins) {
      return act(async () => {
        const install = await request<SiteInstall>('PUT', '/site/origins', { origins });
        if (!install) throw new ApiError(500, 'internal', 'Unexpected answer from the server');
        state.update((s) => ({ ...s, install }));
      });
    },
  };
}
