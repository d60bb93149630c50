import type { HiloEventName, HiloEvents } from '../contract';

type Listener = (...args: never[]) => void;

export interface WidgetEvents {
  on<E extends HiloEventName>(event: E, listener: HiloEvents[E]): void;
  off<E extends HiloEventName>(event: E, listener: HiloEvents[E]): void;
  emit<E extends HiloEventName>(event: E, ...args: Parameters<HiloEvents[E]>): void;
  /** After this, a new `ready` listener runs at once (it would otherwise never fire). */
  markReady(): void;
}

/** `Hilo.on` listeners. A listener that throws is reported and never breaks the widget or the page. */
export function createWidgetEvents(): WidgetEvents {
  const listeners = new Map<string, Set<Listener>>();
  let ready = false;
  const call = (listener: Listener, args: unknown[]) => {
    try {
      (listener as (...a: unknown[]) => void)(...args);
    } catch (error) {
      console.warn('[hilo]', error);
    }
  };
  const events: WidgetEvents = {
    on(event, listener) {
      if (typeof listener !== 'function') return;
      if (event === 'ready' && ready) return call(listener, []);
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
    },
    off(event, listener) {
      listeners.get(event)?.delete(listener);
    },
    emit(event, ...args) {
      listeners.get(event)?.forEach((listener) => call(listener, args));
    },
    markReady() {
      ready = true;
      events.emit('ready');
    },
  };
  return events;
}
