import type { Ack, Call, CallLogInput, Contact, Note } from '@hilo/shared';
import { ContactDetails } from './ContactDetails';
import type { ContactModel } from './contact-model';
import { LogCallForm } from './LogCallForm';
import { NoteForm } from './NoteForm';
import { PossibleMatch } from './PossibleMatch';
import { Timeline } from './Timeline';
import { useNow } from './use-now';
import { useObservable } from './use-observable';

/** What the panel can ask for; the agent connection provides all of it. */
export interface CustomerActions {
  mergeContact: (survivorId: string, mergedId: string) => Promise<Ack<Contact>>;
  addNote: (contactId: string, text: string) => Promise<Ack<Note>>;
  logCall: (input: CallLogInput) => Promise<Ack<Call>>;
  openConversation: (conversationId: string) => void;
}

interface Props {
  contact: ContactModel;
  actions: CustomerActions;
  /** Shown beside the conversation: the name opens the full-width customer view. */
  onViewCustomer?: () => void;
  /** Extra class from the layout (full width, or collapsed on narrow screens). */
  class?: string;
}

/** The customer beside the conversation (or full width): who they are, and everything before. */
export function CustomerPanel({ contact, actions, onViewCustomer, class: extra = '' }: Props) {
  const state = useObservable(contact.state);
  const now = useNow(60_000);
  const classes = `customer-panel ${extra}`.trim();

  if (!state.contactId) {
    return (
      <aside class={classes} aria-label="Customer">
        <p class="pane-empty">No customer to show</p>
      </aside>
    );
  }
  const profile = state.profile;
  if (!profile) {
    return (
      <aside class={classes} aria-label="Customer">
        {state.error ? (
          <p class="pane-note pane-error" role="alert">
            {state.error}
          </p>
        ) : (
          <p class="pane-note">Loading customer…</p>
        )}
      </aside>
    );
  }

  const current = profile.contact;
  const name = current.name ?? 'Unknown visitor';
  return (
    <aside class={classes} aria-label="Customer">
      <header class="customer-header">
        <h2 class="customer-name">
          {onViewCustomer ? (
            <button type="button" class="button-link" title="View customer" onClick={onViewCustomer}>
              {name}
            </button>
          ) : (
            name
          )}
        </h2>
        {onViewCustomer && (
          <button type="button" class="button-quiet button-small" onClick={onViewCustomer}>
            View customer
          </button>
        )}
      </header>
      {state.error && (
        <p class="pane-note pane-error" role="alert">
          {state.error}
        </p>
      )}
      {profile.possibleMatches.map((match) => (
        <PossibleMatch key={match.id} current={current} match={match} onMerge={actions.mergeContact} />
      ))}
      <ContactDetails profile={profile} now={now} />
      <section class="customer-actions" aria-label="Add to timeline">
        <NoteForm onAdd={(text) => actions.addNote(current.id, text)} />
        <LogCallForm key={current.id} contactId={current.id} defaultNumber={current.phones[0]?.value ?? ''} onLog={actions.logCall} />
      </section>
      <h3 class="pane-title">Timeline</h3>
      <Timeline entries={state.timeline} now={now} onOpenConversation={actions.openConversation} />
    </aside>
  );
}
