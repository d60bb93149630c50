/** Sent to both widget and console by a server process that may have missed pushes. */
export interface ResyncServerToClient {
  /**
   * This process lost its Pub/Sub link to Redis and has it back: broadcasts from the other processes
   * in between never reached it, and Pub/Sub keeps none for later. Fetch what changed, as after a
   * reconnect, at a random moment within `withinMs`, so thousands of clients do not ask at once.
   */
  'sync:needed': (hint: { withinMs: number }) => void;
}
