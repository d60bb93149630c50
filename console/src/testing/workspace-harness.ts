import { createAgentConnection } from '../agent-connection';
import type { ConnectionStatus } from '../agent-connection';
import { createContactModel } from '../contact-model';
import { createConversationModel } from '../conversation-model';
import { createInboxModel } from '../inbox-model';
import { observable } from '../observable';
import { createOutboxModel } from '../outbox-model';
import { createSessionModel } from '../session-model';
import { AGENT } from './fixtures';
import { FakeAgentSocket } from './fake-agent-socket';

/** Real models and the real connection, wired to a fake socket: what a signed-in console holds. */
export function createHarness() {
  const socket = new FakeAgentSocket();
  const session = createSessionModel();
  session.signedIn(AGENT);
  const inbox = createInboxModel();
  const conversation = createConversationModel();
  const outbox = createOutboxModel();
  const status = observable<ConnectionStatus>('connecting');
  let ids = 0;
  const contact = createContactModel((contactId) => connection.fetchContact(contactId), { coalesceMs: 5 });
  const connection = createAgentConnection({
    socket: socket.asSocket(),
    session,
    inbox,
    conversation,
    contact,
    outbox,
    status,
    newClientId: () => `client-id-${++ids}`,
    retryDelayMs: 10,
  });
  return { socket, session, inbox, conversation, contact, outbox, status, connection };
}
