import type { ConnectionState } from '../conversation-model';
import type { Strings } from '../locales/en';

interface ConnectionStatusProps {
  state: ConnectionState;
  strings: Strings;
  notice?: string | null;
}

function label(state: ConnectionState, strings: Strings): string | null {
  switch (state) {
    case 'connecting':
      return strings.connecting;
    case 'offline':
      return strings.offline;
    case 'unavailable':
      return strings.unavailable;
    default:
      return null;
  }
}

export function ConnectionStatus({ state, strings, notice }: ConnectionStatusProps) {
  // The live region stays in the DOM (empty when online) so screen readers announce changes.
  return (
    <div class={`status ${state}`} role="status">
      {label(state, strings) ?? notice}
    </div>
  );
}
