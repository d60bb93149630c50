import type { AgentClientToServer, AgentServerToClient } from '@hilo/shared';
import { AGENT_NAMESPACE } from '@hilo/shared/constants';
import { render } from 'preact';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
import type { AgentSocket } from './agent-connection';
import { App } from './App';
import { createApiClient } from './api-client';
import { createConsoleApp } from './console-app';
import { localSeenStorage } from './inbox-model';
import { browserAttentionEnv } from './attention-service';
import './styles.css';
import './workflow.css';
import './workspace-extras.css';

const app = createConsoleApp({
  api: createApiClient(),
  // Same origin as the console: the httpOnly session cookie authenticates the handshake.
  openSocket: (): AgentSocket => io(AGENT_NAMESPACE, { autoConnect: false }) as Socket<AgentServerToClient, AgentClientToServer>,
  seenStorage: localSeenStorage,
  attentionEnv: browserAttentionEnv,
});

const inviteToken = new URLSearchParams(location.search).get('invite');
// Once used, the token leaves the address bar (and the history) so a reload does not offer it again.
const forgetInvite = (): void => history.replaceState(null, '', location.pathname);
const root = document.getElementById('app');
if (root) render(<App app={app} inviteToken={inviteToken} onInviteDone={forgetInvite} />, root);
void app.checkSession();
