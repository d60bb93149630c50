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
  /** JSON of the site's widget settings (look, hours, pre-chat form). */
  widgetSettings: (siteId: string) => `${P}:site:{${siteId}}:widget-settings`,

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
  /** Hash: `visitor` / `agent` → highest message order each side has read (read receipts). */
  readState: (id: string) => `${P}:conv:{${id}}:reads`,
  /** JSON of the shopper's rating (CSAT) of the conversation. */
  csat: (id: string) => `${P}:conv:{${id}}:csat`,
  /** Counter of transcript emails sent for the conversation (expires: a rate limit). */
  transcripts: (id: string) => `${P}:conv:{${id}}:transcripts`,

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

  /** Routing state of a site lives in its slot so the Lua routing scripts change it atomically. */
  routeQueue: (siteId: string) => `${P}:site:{${siteId}}:route:queue`,
  routeQueueTeam: (siteId: string) => `${P}:site:{${siteId}}:route:queue-team`,
  routeAssignee: (siteId: string) => `${P}:site:{${siteId}}:route:assignee`,
  routeLoad: (siteId: string) => `${P}:site:{${siteId}}:route:load`,
  routeCapacity: (siteId: string) => `${P}:site:{${siteId}}:route:capacity`,
  /** Sorted set: agent id → last heartbeat of any of their tabs. */
  routePresence: (siteId: string) => `${P}:site:{${siteId}}:route:presence`,
  /** Hash: agent id → 'online' | 'away' as the agent set it. */
  routeStatus: (siteId: string) => `${P}:site:{${siteId}}:route:status`,
  /** Hash: agent id → `,team1,team2,`. */
  routeAgentTeams: (siteId: string) => `${P}:site:{${siteId}}:route:agent-teams`,
  /** Hash: team id (or `*`) → the agent assigned last, for round-robin. */
  routeCursor: (siteId: string) => `${P}:site:{${siteId}}:route:cursor`,
  routeRules: (siteId: string) => `${P}:site:{${siteId}}:route:rules`,
  teams: (siteId: string) => `${P}:site:{${siteId}}:teams`,
  siteAgents: (siteId: string) => `${P}:site:{${siteId}}:agents`,
  /** Inbox view sorted sets (score = last activity, or waiting time for `view:waiting`). */
  view: (siteId: string, name: string) => `${P}:site:{${siteId}}:view:${name}`,
  /** Hash: conversation id → JSON list of the view names it is in, so a re-index removes stale ones. */
  viewMembership: (siteId: string) => `${P}:site:{${siteId}}:view-members`,
  /** Internal notes of a conversation, by time. */
  conversationNotes: (id: string) => `${P}:conv:{${id}}:notes`,
  /** Hash: canned response id → JSON. */
  canned: (siteId: string) => `${P}:site:{${siteId}}:canned`,
  /** Hash: conversation id → lower-case customer part of its searchable text (name, subject, emails, phones). */
  searchText: (siteId: string) => `${P}:site:{${siteId}}:search`,
  /** String: lower-case recent message text of one conversation; in the site's slot, so a search reads it. */
  searchBody: (siteId: string, conversationId: string) => `${P}:site:{${siteId}}:search-body:${conversationId}`,
  /** JSON of a pending agent invite; the key holds a SHA-256 of the one-time token. */
  invite: (tokenHash: string) => `${P}:invite:${tokenHash}`,
  /** Sorted set of `<siteId> <conversationId>` by snooze end; one key so every process sweeps it. */
  snoozed: () => `${P}:snoozed`,

  /** List of activity-event JSON recorded on one UTC day (`YYYY-MM-DD`); reports read these. */
  activityDay: (siteId: string, day: string) => `${P}:site:{${siteId}}:activity:${day}`,

  /** Knowledge base: hash article id → article JSON (without its counters). */
  kbArticles: (siteId: string) => `${P}:site:{${siteId}}:kb:articles`,
  /** Hash `<articleId>:helpful|notHelpful|views` → count. */
  kbStats: (siteId: string) => `${P}:site:{${siteId}}:kb:stats`,
  /** Counter bumped on every article write; each process rebuilds its search index when it moves. */
  kbVersion: (siteId: string) => `${P}:site:{${siteId}}:kb:version`,
  /** JSON of the answer bot's settings. */
  botSettings: (siteId: string) => `${P}:site:{${siteId}}:bot`,
  /** Hash: the answer bot's state in one conversation (answers given, open offer, hand-off). */
  botState: (conversationId: string) => `${P}:conv:{${conversationId}}:bot`,

  /** Hash: webhook id → JSON of the site's webhook (URL, events, signing secret). */
  webhooks: (siteId: string) => `${P}:site:{${siteId}}:webhooks`,
  /**
   * Webhook deliveries share the `{webhooks}` tag: the queue scripts touch the due set, a delivery and
   * its webhook's history together. One slot takes every site's deliveries; a Redis node serves far
   * more than the message rate a chat server produces.
   */
  webhookDue: () => `${P}:{webhooks}:due`,
  webhookClaims: () => `${P}:{webhooks}:claims`,
  /** JSON of one delivery: its state, the signed body, the webhook it goes to. */
  webhookDelivery: (deliveryId: string) => `${P}:{webhooks}:delivery:${deliveryId}`,
  /** List of a webhook's latest delivery ids, newest first (trimmed to the history length). */
  webhookHistory: (webhookId: string) => `${P}:{webhooks}:history:${webhookId}`,

  /** Value: `<siteId> <tokenId>`. The key holds a SHA-256 of the REST API token, never the token. */
  apiTokenByHash: (tokenHash: string) => `${P}:api-token:${tokenHash}`,
  /** Hash: API token id → JSON (name, prefix, hash, creator). A token works only while it is here. */
  apiTokens: (siteId: string) => `${P}:site:{${siteId}}:api-tokens`,
  /** Hash: API token id → last use (ms); written at most once a minute per token. */
  apiTokensUsed: (siteId: string) => `${P}:site:{${siteId}}:api-tokens-used`,
} as const;

export const TTL = {
  /** A visitor who never writes again is forgotten after a year. */
  visitorSeconds: 365 * 24 * 3600,
  emailThreadSeconds: 2 * 365 * 24 * 3600,
  /** Reports look back at most two years. */
  activityDaySeconds: 2 * 366 * 24 * 3600,
  /** A settled webhook delivery stays visible (and redeliverable) for a week. */
  webhookDeliverySeconds: 7 * 24 * 3600,
} as const;
