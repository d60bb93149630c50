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
import './styles.css';

const app = createConsoleApp({
  api: createApiClient(),
  // Same origin as the console: the httpOnly session cookie authenticates the handshake.
  openSocket: (): AgentSocket => io(AGENT_NAMESPACE, { autoConnect: false }) as Socket<AgentServerToClient, AgentClientToServer>,
  seenStorage: localSeenStorage,
});

const root = document.getElementById('app');
if (root) render(<App app={app} />, root);
void app.checkSession();
