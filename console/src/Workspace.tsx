import { ConversationView } from './ConversationView';
import type { Workspace as WorkspaceModel } from './console-app';
import { Inbox } from './Inbox';
import { TopBar } from './TopBar';
import { useObservable } from './use-observable';

interface Props {
  workspace: WorkspaceModel;
  onSignOut: () => void;
}

/** The signed-in layout: top bar over two columns (a customer panel will become the third). */
export function Workspace({ workspace, onSignOut }: Props) {
  const status = useObservable(workspace.status);
  const { connection } = workspace;
  return (
    <div class="workspace">
      <TopBar agentName={workspace.agent.name} status={status} onSignOut={onSignOut} />
      <div class="columns">
        <Inbox inbox={workspace.inbox} onSelect={connection.openConversation} />
        <ConversationView conversation={workspace.conversation} outbox={workspace.outbox} agent={workspace.agent} onSend={connection.send} />
      </div>
    </div>
  );
}
