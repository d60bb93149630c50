/** Socket.IO room names; rooms span processes through the Redis adapter. */
export const rooms = {
  siteAgents: (siteId: string) => `site:${siteId}`,
  siteVisitors: (siteId: string) => `site-visitors:${siteId}`,
  visitor: (siteId: string, visitorId: string) => `visitor:${siteId}:${visitorId}`,
  agentSession: (sessionHash: string) => `session:${sessionHash}`,
};
