/**
 * Every Redis key Hilo uses, in one place. Keys that must change together share a hash tag
 * (`{…}`) so multi-key scripts stay in one slot on Redis Cluster.
 */
const P = 'hilo';

export const keys = {
  site: (siteId: string) => `${P}:site:{${siteId}}`,
  siteByKey: (publicKey: string) => `${P}:site-key:${publicKey}`,
  siteBySupportEmail: (address: string) => `${P}:site-email:${address}`,
  /** Value: site id. The key holds a SHA-256 of the integration token. */
  siteByIntegrationToken: (tokenHash: string) => `${P}:integration-token:${tokenHash}`,
  demoSite: () => `${P}:demo-site`,

  agent: (agentId: string) => `${P}:agent:{${agentId}}`,
  agentByEmail: (email: string) => `${P}:agent-email:${email}`,

  /** Value: agent id. The key holds a SHA-256 of the cookie token, never the token. */
  session: (tokenHash: string) => `${P}:session:${tokenHash}`,
  rateLimit: (bucket: string) => `${P}:rl:${bucket}`,

  conversation: (id: string) => `${P}:conv:{${id}}`,
  /** Sorted set: score = order, member = message JSON. */
  messages: (id: string) => `${P}:conv:{${id}}:msgs`,
  /** Hash: `<authorKind>:<authorId>:<clientId>` → order, for at-most-once storage. */
  clientIds: (id: string) => `${P}:conv:{${id}}:cids`,

  /** Sorted set of conversation ids by last activity, one per site and status. */
  inbox: (siteId: string, status: string) => `${P}:site:{${siteId}}:inbox:${status}`,

  visitor: (siteId: string, visitorId: string) => `${P}:visitor:{${siteId}:${visitorId}}`,

  contact: (id: string) => `${P}:contact:{${id}}`,
  /** Set of contact ids carrying one identity value (email, E.164 phone or visitor id) on a site. */
  contactsByIdentity: (siteId: string, kind: string, value: string) => `${P}:site:{${siteId}}:contacts-by:${kind}:${value}`,
  /** Sorted set of `<kind>:<id>` refs by time: conversations, calls, notes, merges. */
  timeline: (contactId: string) => `${P}:contact:{${contactId}}:timeline`,
  call: (id: string) => `${P}:call:{${id}}`,
  note: (id: string) => `${P}:note:{${id}}`,
  merge: (id: string) => `${P}:merge:{${id}}`,

  /** Value: conversation id, for threading replies by Message-ID / In-Reply-To / References. */
  emailThread: (siteId: string, messageIdHash: string) => `${P}:site:{${siteId}}:email-thread:${messageIdHash}`,
  /** Value: `<siteId> <conversationId>` for a reply address token. */
  emailReplyToken: (token: string) => `${P}:email-reply:${token}`,
  attachment: (id: string) => `${P}:attachment:{${id}}`,
} as const;

export const TTL = {
  /** A visitor who never writes again is forgotten after a year. */
  visitorSeconds: 365 * 24 * 3600,
  emailThreadSeconds: 2 * 365 * 24 * 3600,
} as const;
