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
  agentFallback: string;
  sending: string;
  notSent: string;
  retry: string;
  connecting: string;
  offline: string;
  unavailable: string;
  /** Outside the site's business hours. */
  closedNow: string;
  /** Under the shopper's last message once an agent has read it. */
  seen: string;
  /** `{name}` is replaced by the agent's name. */
  typing: string;
  /** Page title while closed with unread replies; `{n}` is the count. */
  unreadTitle: string;
  attach: string;
  /** Upload refused or failed; `{error}` is the server's reason when there is one. */
  fileFailed: string;
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
  agentFallback: 'Support',
  sending: 'Sending…',
  notSent: 'Not sent',
  retry: 'Retry',
  connecting: 'Connecting…',
  offline: "Offline — we'll send when you're back",
  unavailable: 'Chat is not available right now',
  closedNow: "We're closed right now — leave a message",
  seen: 'Seen',
  typing: '{name} is typing…',
  unreadTitle: '({n}) New message',
  attach: 'Attach a file',
  fileFailed: "Couldn't send the file. {error}",
};
