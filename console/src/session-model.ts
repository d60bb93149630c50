import type { Agent } from '@hilo/shared';
import { observable } from './observable';

export type SessionState =
  | { status: 'checking' }
  | { status: 'signed-out'; notice: string | null }
  | { status: 'signed-in'; agent: Agent };

/** Who is signed in. Everything else the console holds hangs off a signed-in session. */
export function createSessionModel() {
  const state = observable<SessionState>({ status: 'checking' });
  return {
    state,
    signedIn(agent: Agent): void {
      state.set({ status: 'signed-in', agent });
    },
    /** `notice` explains an involuntary sign-out (expired session) on the sign-in screen. */
    signedOut(notice: string | null = null): void {
      state.set({ status: 'signed-out', notice });
    },
  };
}

export type SessionModel = ReturnType<typeof createSessionModel>;
