import type { ConversationModel } from './conversation-model';
import type { Ask } from './visitor-connection';

// The shopper's answers to the after-chat and follow-up cards. They ship in the extras chunk with the
// cards: most shoppers never send one, so app.js does not carry them.

export async function rate(ask: Ask, model: ConversationModel, rating: 'good' | 'bad', comment: string): Promise<void> {
  model.setRating({ status: 'sending' });
  const ack = await ask('conversation:rate', { rating, comment });
  model.setRating({ status: ack.ok ? 'done' : 'error' });
}

export async function sendTranscript(ask: Ask, model: ConversationModel, email: string): Promise<void> {
  model.setRating({ transcript: 'sending' });
  const ack = await ask('conversation:transcript', { email });
  model.setRating({ transcript: ack.ok ? 'sent' : 'error' });
}

/** The answer to `followup:offer`: the address the reply should go to. */
export async function sendFollowupEmail(ask: Ask, model: ConversationModel, email: string): Promise<void> {
  model.setFollowupStatus('sending');
  const ack = await ask('visitor:identify', { email });
  if (ack.ok) model.followupDone(email);
  else model.setFollowupStatus('error');
}
