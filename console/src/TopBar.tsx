import type { AgentStatus } from '@hilo/shared';
import type { ConnectionStatus } from './agent-connection';
import type { Screen } from './console-app';

interface Props {
  agentName: string;
  status: ConnectionStatus;
  onSignOut: () => void;
  /** The agent's own presence; the picker shows only when a setter is given. */
  presence?: AgentStatus;
  onPresence?: (status: 'online' | 'away') => void;
  /** Inbox / Knowledge / Reports / Settings switch. */
  screen?: Screen;
  onScreen?: (screen: Screen) => void;
}

const SCREENS: ReadonlyArray<[Screen, string]> = [
  ['inbox', 'Inbox'],
  ['knowledge', 'Knowledge'],
  ['reports', 'Reports'],
  ['settings', 'Settings'],
];

const STATUS_TEXT: Record<ConnectionStatus, string> = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' };

export function TopBar({ agentName, status, onSignOut, presence, onPresence, screen, onScreen }: Props) {
  return (
    <header class="topbar">
      <span class="topbar-brand">Hilo</span>
      <span class={`topbar-status status-${status}`} role="status">
        {STATUS_TEXT[status]}
      </span>
      {onScreen && (
        <nav class="topbar-nav" aria-label="Screens">
          {SCREENS.map(([name, label]) => (
            <button key={name} type="button" class="button-quiet button-small" aria-current={screen === name ? 'page' : undefined} onClick={() => onScreen(name)}>
              {label}
            </button>
          ))}
        </nav>
      )}
      <span class="topbar-agent">
        {presence && <span class={`presence-dot presence-${presence}`} aria-hidden="true" />}
        {agentName}
      </span>
      {onPresence && (
        <select aria-label="My status" class="presence-select" value={presence === 'away' ? 'away' : 'online'} onChange={(e) => onPresence(e.currentTarget.value === 'away' ? 'away' : 'online')}>
          <option value="online">Online</option>
          <option value="away">Away</option>
        </select>
      )}
      <button type="button" class="button-quiet" onClick={onSignOut}>
        Sign out
      </button>
    </header>
  );
}
