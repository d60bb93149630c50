/**
 * Calls `fn` with the latest value at most once per `ms`: the first call goes at once, later ones
 * wait and only the newest of them is sent (so the receiver always ends on the final value).
 */
export function throttle<T>(fn: (value: T) => void, ms: number): { (value: T): void; cancel(): void } {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: { value: T } | undefined;
  const fire = () => {
    timer = undefined;
    if (!pending) return;
    const { value } = pending;
    pending = undefined;
    last = Date.now();
    fn(value);
  };
  const call = (value: T) => {
    pending = { value };
    if (timer) return;
    const wait = last + ms - Date.now();
    if (wait <= 0) fire();
    else timer = setTimeout(fire, wait);
  };
  call.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    pending = undefined;
  };
  return call;
}
