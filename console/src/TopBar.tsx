import type { ConnectionStatus } from './agent-connection';

interface Props {
  agentName: string;
  status: ConnectionStatus;
  onSignOut: () => void;
}

const STATUS_TEXT: Record<ConnectionStatus, string> = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' };

export function TopBar({ agentName, status, onSignOut }: Props) {
  return (
    <header class="topbar">
      <span class="topbar-brand">Hilo</span>
      <span class={`topbar-status status-${status}`} role="status">
        {STATUS_TEXT[status]}
      </span>
      <span class="topbar-agent">{agentName}</span>
      <button type="button" class="button-quiet" onClick={onSignOut}>
        Sign out
      </button>
    </header>
  );
}
