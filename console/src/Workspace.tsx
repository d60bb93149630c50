import { useState } from 'preact/hooks';
import type { Workspace as WorkspaceModel } from './console-app';
import { ContactView } from './ContactView';
import { ConversationView } from './ConversationView';
import type { CustomerActions } from './CustomerPanel';
import { CustomerPanel } from './CustomerPanel';
import { Inbox } from './Inbox';
import { TopBar } from './TopBar';
import { useObservable } from './use-observable';

interface Props {
  workspace: WorkspaceModel;
  onSignOut: () => void;
}

/** The signed-in layout: inbox | conversation (or the customer full width) | customer panel. */
export function Workspace({ workspace, onSignOut }: Props) {
  const status = useObservable(workspace.status);
  const view = useObservable(workspace.view);
  // Below ~1100px the panel hides behind a toggle; wider screens show it always (CSS decides).
  const [panelOpen, setPanelOpen] = useState(false);
  const { connection } = workspace;
  const openConversation = (id: string): void => {
    workspace.view.set('conversation');
    connection.openConversation(id);
  };
  const actions: CustomerActions = {
    mergeContact: connection.mergeContact,
    addNote: connection.addNote,
    logCall: connection.logCall,
    openConversation,
  };
  const toggle = (
    <button type="button" class="button-quiet button-small customer-toggle" aria-expanded={panelOpen} aria-controls="customer-panel" onClick={() => setPanelOpen(!panelOpen)}>
      Customer
    </button>
  );
  return (
    <div class="workspace">
      <TopBar agentName={workspace.agent.name} status={status} onSignOut={onSignOut} />
      <div class={`columns view-${view}`}>
        <Inbox inbox={workspace.inbox} onSelect={openConversation} />
        {view === 'contact' ? (
          <ContactView contact={workspace.contact} actions={actions} onBack={() => workspace.view.set('conversation')} />
        ) : (
          <ConversationView conversation={workspace.conversation} outbox={workspace.outbox} agent={workspace.agent} onSend={connection.send} headerActions={toggle} />
        )}
        {view === 'conversation' && (
          <div id="customer-panel" class={`customer-column${panelOpen ? ' is-open' : ''}`}>
            <CustomerPanel contact={workspace.contact} actions={actions} onViewCustomer={() => workspace.view.set('contact')} />
          </div>
        )}
      </div>
    </div>
  );
}
