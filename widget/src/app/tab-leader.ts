/**
 * One tab of the site is the leader (the one that plays sounds), elected with the Web Locks API:
 * the first tab holds the lock until it closes, then the next waiting tab gets it. Without Web Locks
 * every tab counts as leader only while it is visible.
 */
export function createTabLeader(name: string): { isLeader(): boolean; stop(): void } {
  let leader = false;
  let release: (() => void) | undefined;
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (locks) {
    void locks
      .request(name, () => {
        leader = true;
        return new Promise<void>((resolve) => (release = resolve));
      })
      .catch(() => undefined);
  }
  return {
    isLeader: () => (locks ? leader : document.visibilityState === 'visible'),
    stop() {
      release?.();
      leader = false;
    },
  };
}

/** A short two-note chime made with Web Audio (no file to fetch, nothing for the CSP to allow). */
export function chime(): void {
  try {
    const context = new AudioContext();
    const gain = context.createGain();
    gain.connect(context.destination);
    gain.gain.setValueAtTime(0.08, context.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 0.5);
    [880, 1320].forEach((frequency, i) => {
      const osc = context.createOscillator();
      osc.frequency.value = frequency;
      osc.connect(gain);
      osc.start(context.currentTime + i * 0.12);
      osc.stop(context.currentTime + 0.5);
    });
    setTimeout(() => void context.close(), 800);
  } catch {
    // No audio (autoplay policy, old browser): the badge still shows.
  }
}
