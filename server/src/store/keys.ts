/**
 * Every Redis key Hilo uses, in one place. Keys that must change together share a hash tag
 * (`{…}`) so multi-key scripts stay in one slot on Redis Cluster.
 */
const P = 'hilo';

export const keys = {
  site: (siteId: string) => `${P}:site:{${siteId}}`,
  siteByKey: (publicKey: string) => `${P}:site-key:${publicKey}`,
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
} as const;

export const TTL = {
  /** A visitor who never writes again is forgotten after a year. */
  visitorSeconds: 365 * 24 * 3600,
} as const;
