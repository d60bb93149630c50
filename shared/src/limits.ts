/** Size limits shared by clients (to stop early) and the server (to enforce). */
export const LIMITS = {
  messageText: 4000,
  clientId: 64,
  name: 120,
  email: 254,
  password: { min: 10, max: 200 },
  /** Largest batch of messages one sync answer carries; clients page with `afterOrder`. */
  syncPage: 200,
  inboxPage: 100,
} as const;
