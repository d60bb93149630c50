import type { ApiToken, ApiTokenCreated } from '@hilo/shared';
import { ApiError, createJsonRequest, type Fetch } from '../api-client';
import { observable, type Observable } from '../observable';
import { createBusyAction, messageOf } from './busy-action';

export interface ApiTokensState {
  status: 'loading' | 'ready' | 'error';
  tokens: ApiToken[];
  /** A token just created: its plain value is shown this once, until dismissed. */
  created: ApiTokenCreated | null;
  /** The last failure, as the server worded it. */
  error: string | null;
  busy: boolean;
}

export interface ApiTokensModel {
  state: Observable<ApiTokensState>;
  load(): Promise<void>;
  /** Resolves true when created (the form then clears). */
  create(name: string): Promise<boolean>;
  revoke(id: string): Promise<boolean>;
  dismissCreated(): void;
}


/** The site's REST API tokens over `/api/api-tokens` (admin session cookie). */
export function createApiTokensModel(fetchImpl?: Fetch, base = '/api'): ApiTokensModel {
  const request = createJsonRequest(fetchImpl, base);
  const state = observable<ApiTokensState>({ status: 'loading', tokens: [], created: null, error: null, busy: false });

  const act = createBusyAction(state);

  return {
    state,
    async load() {
      try {
        const answer = await request<{ tokens: ApiToken[] }>('GET', '/api-tokens');
        state.update((s) => ({ ...s, status: 'ready', tokens: answer?.tokens ?? [], error: null }));
      } catch (error) {
        state.update((s) => ({ ...s, status: 'error', error: messageOf(error) }));
      }
    },
    create(name) {
      return act(async () => {
        const created = await request<ApiTokenCreated>('POST', '/api-tokens', { name });
        if (!created) throw new ApiError(500, 'internal', 'Unexpected answer from the server');
        state.update((s) => ({ ...s, created, tokens: [created.token, ...s.tokens] }));
      });
    },
    revoke(id) {
      return act(async () => {
        await request('DELETE', `/api-tokens/${encodeURIComponent(id)}`);
        state.update((s) => ({ ...s, tokens: s.tokens.filter((t) => t.id !== id), created: s.created?.token.id === id ? null : s.created }));
      });
    },
    dismissCreated() {
      state.update((s) => ({ ...s, created: null }));
    },
  };
}
