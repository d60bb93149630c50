import type { ContactModel } from './contact-model';
import type { CustomerActions } from './CustomerPanel';
import { CustomerPanel } from './CustomerPanel';

interface Props {
  contact: ContactModel;
  actions: CustomerActions;
  onBack: () => void;
}

/** The customer full width in the middle column, with the way back to the conversation. */
export function ContactView({ contact, actions, onBack }: Props) {
  return (
    <section class="contact-view" aria-label="Customer profile">
      <div class="contact-view-bar">
        <button type="button" class="button-quiet button-small" onClick={onBack}>
          ← Back to conversation
        </button>
      </div>
      <CustomerPanel contact={contact} actions={actions} class="customer-full" />
    </section>
  );
}
