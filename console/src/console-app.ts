import type { Agent, LoginBody } from '@hilo/shared';
import type { AgentSocket, ConnectionStatus } from './agent-connection';
import { createAgentConnection } from './agent-connection';
import { chatSignals } from './chat-signals';
import type { ApiClient } from './api-client';
import { createContactModel } from './contact-model';
import { createConversationModel } from './conversation-model';
import type { SeenStorage } from './inbox-model';
import { createInboxModel } from './inbox-model';
import { observable } from './observable';
import { createOutboxModel } from './outbox-model';
import { createSessionModel } from './session-model';
import { createWorkflowConnection } from './workflow-connection';
import type { AttentionEnv } from './attention-service';
import { createAttention } from './attention-service';
import { createWorkflowModel } from './workflow-model';

export type MiddleView = 'conversation' | 'contact';
export type Screen = 'inbox' | 'knowledge' | 'reports' | 'settings';

export interface ConsoleAppDeps {
  api: ApiClient;
  openSocket: () => AgentSocket;
  seenStorage?: (agentId: string) => SeenStorage | null;
  /** Browser notifications, sound and title; tests leave it out (nothing is shown). */
  attentionEnv?: (agentId: string) => AttentionEnv;
}

const SILENT: AttentionEnv = {
  notify: () => undefined,
  permission: () => 'unsupported',
  requestPermission: () => Promise.resolve('denied'),
  beep: () => undefined,
  setTitle: () => undefined,
  hidden: () => false,
  load: () => null,
  save: () => undefined,
};

/** Everything that exists only while an agent is signed in; dropped whole on sign-out. */
function createWorkspace(agent: Agent, deps: ConsoleAppDeps, session: ReturnType<typeof createSessionModel>) {
  const inbox = createInboxModel(deps.seenStorage?.(agent.id) ?? null, agent.id);
  const conversation = createConversationModel();
  const outbox = createOutboxModel();
  const status = observable<ConnectionStatus>('connecting');
  // Late-bound: the loader runs only after the connection below exists (it owns the socket).
  const contact = createContactModel((contactId) => connection.fetchContact(contactId));
  const connection = createAgentConnection({ socket: deps.openSocket(), session, inbox, conversation, contact, outbox, status });
  /** What the middle column shows: the open conversation, or the customer full width. */
  const view = observable<MiddleView>('conversation');
  const workflowModel = createWorkflowModel();
  const workflow = createWorkflowConnection({ connection, workflow: workflowModel, inbox, conversation, agent });
  chatSignals.link(connection);
  /** Admins switch the whole workspace to Settings. */
  const screen = observable<Screen>('inbox');
  const attention = createAttention(agent, connection, inbox, deps.attentionEnv?.(agent.id) ?? SILENT);
  return { agent, inbox, conversation, contact, outbox, status, connection, view, workflowModel, workflow, screen, attention };
}

export type Workspace = ReturnType<typeof createWorkspace>;

/** The console's composition root: session, the signed-in workspace, and the actions screens call. */
export function createConsoleApp(deps: ConsoleAppDeps) {
  const session = createSessionModel();
  const workspace = observable<Workspace | null>(null);

  // However the session ends (sign-out, expired cookie seen by the socket), the socket goes with it.
  session.state.subscribe(() => {
    const current = session.state.get();
    const held = workspace.get();
    if (current.status !== 'signed-in' && held) {
      held.connection.stop();
      held.contact.dispose();
      workspace.set(null);
    }
  });

  function enter(agent: Agent): void {
    workspace.get()?.connection.stop();
    const next = createWorkspace(agent, deps, session);
    workspace.set(next);
    session.signedIn(agent);
    next.connection.start();
  }

  return {
    session,
    workspace,
    async checkSession(): Promise<void> {
      try {
        const agent = await deps.api.me();
        if (agent) enter(agent);
        else session.signedOut();
      } catch {
        session.signedOut('The server could not be reached. Try signing in again.');
      }
    },
    /** Throws ApiError for the form to explain (401 wrong credentials, 429 too many attempts). */
    async signIn(body: LoginBody): Promise<void> {
      enter(await deps.api.login(body));
    },
    /** Throws ApiError (404 used or expired link, 400 weak password). */
    async acceptInvite(token: string, password: string): Promise<void> {
      enter(await deps.api.acceptInvite(token, password));
    },
    async signOut(): Promise<void> {
      workspace.get()?.connection.stop();
      try {
        await deps.api.logout();
      } catch {
        // The cookie may outlive a failed logout call, but this tab forgets the agent either way.
      }
      session.signedOut();
    },
  };
}

export type ConsoleApp = ReturnType<typeof createConsoleApp>;
