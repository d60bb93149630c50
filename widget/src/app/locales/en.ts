/** Every string the widget shows. Each locale file provides all of them. */
export interface Strings {
  title: string;
  subtitle: string;
  agentsOnline: string;
  agentsAway: string;
  openChat: string;
  closeChat: string;
  conversation: string;
  greeting: string;
  messageLabel: string;
  placeholder: string;
  send: string;
  you: string;
  agentFallback: string;
  sending: string;
  notSent: string;
  retry: string;
  connecting: string;
  offline: string;
  unavailable: string;
  /** No agent online: the offer to answer by email. */
  followupAsk: string;
  /** `{email}` is replaced by the address. */
  followupDone: string;
  emailLabel: string;
  emailInvalid: string;
  followupFailed: string;
}

export const en: Strings = {
  title: 'Chat with us',
  subtitle: 'We usually reply in a few minutes',
  agentsOnline: "We're online",
  agentsAway: "We're away — leave a message",
  openChat: 'Open chat',
  closeChat: 'Close chat',
  conversation: 'Conversation',
  greeting: 'Hi! How can we help you today?',
  messageLabel: 'Message',
  placeholder: 'Write a message…',
  send: 'Send',
  you: 'You',
  agentFallback: 'Support',
  sending: 'Sending…',
  notSent: 'Not sent',
  retry: 'Retry',
  connecting: 'Connecting…',
  offline: "Offline — we'll send when you're back",
  unavailable: 'Chat is not available right now',
  followupAsk: "No one is available right now. Leave your email and we'll reply there.",
  followupDone: "We'll reply to {email}.",
  emailLabel: 'Email',
  emailInvalid: 'Please enter a valid email address.',
  followupFailed: "Couldn't send your email. Please try again.",
};
