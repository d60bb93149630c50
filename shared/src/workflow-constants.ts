/** Runtime values of the workflow protocol that client bundles need (zod-free). */
export const WORKFLOW = {
  /** A customer waiting this long for an agent's answer is flagged in the inbox. */
  waitingFlagMs: 5 * 60_000,
  /** Concurrent open conversations an agent takes by auto-assignment unless an admin sets otherwise. */
  defaultCapacity: 5,
} as const;
