import type { Agent, HttpErrorBody, LoginBody, SessionInfo } from '@hilo/shared';

/** Every failed /api call ends here: `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ApiClient {
  /** The signed-in agent, or null when there is no valid session. */
  me(): Promise<Agent | null>;
  login(body: LoginBody): Promise<Agent>;
  logout(): Promise<void>;
  /** Sets the invitee's password and signs them in. */
  acceptInvite(token: string, password: string): Promise<Agent>;
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** Sends one JSON request under the base path; resolves the parsed body (undefined for 204). */
export type JsonRequest = <T>(method: HttpMethod, path: string, body?: unknown) => Promise<T | undefined>;

const MAX_ATTEMPTS = 4;

function retryDelayMs(retryAfter: string | null): number {
  const seconds = Number(retryAfter);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, 3000) : 500;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The console's one way to call /api: same-origin cookie, JSON both ways, retries a shed (503) request. */
export function createJsonRequest(fetchImpl: Fetch = (input, init) => fetch(input, init), base = '/api'): JsonRequest {
  return async function request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T | undefined> {
    const init: RequestInit = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    // The server's CSRF check wants JSON on every write, even one without a body.
    if (method !== 'GET') {
      init.headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
      init.body = JSON.stringify(body ?? {});
    }
    let response: Response;
    for (let attempt = 1; ; attempt++) {
      try {
        response = await fetchImpl(base + path, init);
      } catch {
        throw new ApiError(0, 'unavailable', 'The server could not be reached');
      }
      // 503 means the server shed the request before doing anything: waiting and asking again is safe.
      if (response.status !== 503 || attempt >= MAX_ATTEMPTS) break;
      await wait(retryDelayMs(response.headers.get('retry-after')));
    }
    if (!response.ok) throw await toApiError(response);
    if (response.status === 204) return undefined;
    const text = await response.text();
    return text ? (JSON.parse(text) as T) : undefined;
  };
}

export function createApiClient(fetchImpl: Fetch = (input, init) => fetch(input, init), base = '/api'): ApiClient {
  const request = createJsonRequest(fetchImpl, base);
  return {
    async me() {
      try {
        const info = await request<SessionInfo>('GET', '/auth/me');
        return info?.agent ?? null;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    async login(body) {
      const info = await request<SessionInfo>('POST', '/auth/login', body);
      if (!info?.agent) throw new ApiError(500, 'internal', 'Unexpected answer from the server');
      return info.agent;
    },
    async logout() {
      await request('POST', '/auth/logout');
    },
    async acceptInvite(token, password) {
      const info = await request<SessionInfo>('POST', '/invites/accept', { token, password });
      if (!info?.agent) throw new ApiError(500, 'internal', 'Unexpected answer from the server');
      return info.agent;
    },
  };
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as Partial<HttpErrorBody>;
    if (body.error && typeof body.error.code === 'string') {
      return new ApiError(response.status, body.error.code, String(body.error.message ?? body.error.code));
    }
  } catch {
    // Not JSON (a proxy page, an empty body): fall through to a status-based error.
  }
  return new ApiError(response.status, response.status === 401 ? 'unauthorized' : 'internal', response.statusText || `HTTP ${response.status}`);
}
