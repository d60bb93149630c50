import { describe, expect, it, vi } from 'vitest';
import { createWidgetEvents } from './widget-events';

describe('widget events (Hilo.on)', () => {
  it('calls listeners with the event data, stops after off, and survives a throwing listener', () => {
    const events = createWidgetEvents();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const unread = vi.fn();
    events.on('unread', () => {
      throw new Error('page bug');
    });
    events.on('unread', unread);
    events.emit('unread', 3);
    expect(unread).toHaveBeenCalledWith(3);
    expect(warn).toHaveBeenCalled();
    events.off('unread', unread);
    events.emit('unread', 4);
    expect(unread).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('runs a ready listener added after ready at once', () => {
    const events = createWidgetEvents();
    const early = vi.fn();
    events.on('ready', early);
    events.markReady();
    expect(early).toHaveBeenCalledTimes(1);
    const late = vi.fn();
    events.on('ready', late);
    expect(late).toHaveBeenCalledTimes(1);
  });
});
