/**
 * How a command sent to a stopped Redis ends, timed from when it was sent: 'answered', its error
 * message, or 'still waiting' once `withinMs` has passed (what a missing watchdog looks like).
 */
export async function outcomeWithin(send: () => Promise<unknown>, withinMs: number): Promise<{ outcome: string; ms: number }> {
  const started = Date.now();
  const settled = send().then(
    () => 'answered',
    (err: unknown) => (err instanceof Error ? err.message : String(err)),
  );
  const outcome = await Promise.race([settled, new Promise<string>((resolve) => setTimeout(() => resolve('still waiting'), withinMs))]);
  return { outcome, ms: Date.now() - started };
}
