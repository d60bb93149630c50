import { useRef, useState } from 'preact/hooks';
import type { Workspace as WorkspaceModel } from './console-app';
import { ContactView } from './ContactView';
import { ConversationActions } from './ConversationActions';
import { ConversationView } from './ConversationView';
import type { CustomerActions } from './CustomerPanel';
import { CustomerPanel } from './CustomerPanel';
import { Inbox } from './Inbox';
import { AttentionBanner, AttentionSettings } from './AttentionBanner';
import { InboxViews } from './InboxViews';
import { SearchPanel } from './SearchPanel';
import { ShortcutsOverlay } from './ShortcutsOverlay';
import { useWorkspaceShortcuts } from './use-workspace-shortcuts';
import { KnowledgeView } from './knowledge/KnowledgeView';
import { ReportsView } from './reports/ReportsView';
import { SettingsView } from './settings/SettingsView';
import { TopBar } from './TopBar';
import { useObservable } from './use-observable';

interface Props {
  workspace: WorkspaceModel;
  onSignOut: () => void;
}

/** The signed-in layout: inbox | conversation (or the customer full width) | customer panel; or Settings. */
export function Workspace({ workspace, onSignOut }: Props) {
  const status = useObservable(workspace.status);
  const view = useObservable(workspace.view);
  const screen = useObservable(workspace.screen);
  const flow = useObservable(workspace.workflowModel.state);
  const inboxState = useObservable(workspace.inbox.state);
  const open = useObservable(workspace.conversation.state);
  // Below ~1100px the panel hides behind a toggle; wider screens show it always (CSS decides).
  const [panelOpen, setPanelOpen] = useState(false);
  const { connection, workflow, agent } = workspace;
  const openConversation = (id: string): void => {
    workspace.view.set('conversation');
    connection.openConversation(id);
  };
  const searchInput = useRef<HTMLInputElement>(null);
  const [help, setHelp] = useState(false);
  useWorkspaceShortcuts(workspace, openConversation, searchInput, setHelp);
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
  const me = flow.agents.find((a) => a.id === agent.id);
  const nameOf = (id: string) => flow.agents.find((a) => a.id === id)?.name;
  const notes = open.id && flow.notesFor === open.id ? flow.notes : [];
  return (
    <div class="workspace">
      <TopBar
        agentName={agent.name}
        status={status}
        onSignOut={onSignOut}
        presence={me?.status}
        onPresence={(next) => void workflow.setStatus(next)}
        screen={screen}
        onScreen={(next) => workspace.screen.set(next)}
      />
      <AttentionBanner attention={workspace.attention} />
      {screen === 'knowledge' && <KnowledgeView agent={agent} />}
      {screen === 'reports' && <ReportsView agent={agent} agents={flow.agents} teams={flow.teams} />}
      {screen === 'settings' && (
        <SettingsView agent={agent} model={workspace.workflowModel} actions={workflow} attention={<AttentionSettings attention={workspace.attention} />} />
      )}
      {screen === 'inbox' && (
        <div class={`columns view-${view}`}>
          <div class="inbox-column">
            <SearchPanel
              inputRef={searchInput}
              onSearch={workflow.search}
              onOpenConversation={openConversation}
              onOpenContact={(id) => {
                workspace.contact.show(id);
                workspace.view.set('contact');
              }}
            />
            <InboxViews query={inboxState.query} total={inboxState.total} teams={flow.teams} counts={flow.counts} onChange={connection.setQuery} />
            <Inbox inbox={workspace.inbox} onSelect={openConversation} onLoadMore={() => void connection.loadMore()} nameOf={nameOf} />
          </div>
          {view === 'contact' ? (
            <ContactView contact={workspace.contact} actions={actions} onBack={() => workspace.view.set('conversation')} />
          ) : (
            <ConversationView
              conversation={workspace.conversation}
              outbox={workspace.outbox}
              agent={agent}
              onSend={(text) => {
                workflow.stopTyping();
                return connection.send(text);
              }}
              headerActions={toggle}
              notes={notes}
              onAddNote={open.id ? (text) => workflow.addNote(open.id ?? '', text) : undefined}
              canned={flow.canned}
              onTyping={workflow.typing}
              viewers={open.id ? flow.viewers[open.id] : undefined}
              toolbar={open.conversation && <ConversationActions conversation={open.conversation} agent={agent} agents={flow.agents} teams={flow.teams} actions={workflow} />}
            />
          )}
          {view === 'conversation' && (
            <div id="customer-panel" class={`customer-column${panelOpen ? ' is-open' : ''}`}>
              <CustomerPanel contact={workspace.contact} actions={actions} onViewCustomer={() => workspace.view.set('contact')} />
            </div>
          )}
        </div>
      )}
      {help && <ShortcutsOverlay onClose={() => setHelp(false)} />}
    </div>
  );
}
