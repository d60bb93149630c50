import type { Agent } from '@hilo/shared';
import type { AgentConnection } from './agent-connection';
import type { AttentionPrefs } from './attention';
import { DEFAULT_PREFS, badgeTitle, customerWroteToMe, newlyMine } from './attention';
import type { InboxModel } from './inbox-model';
import { unreadCount } from './inbox-model';
import { observable } from './observable';

/** The browser bits, injectable for tests. */
export interface AttentionEnv {
  notify(title: string, body: string): void;
  permission(): NotificationPermission | 'unsupported';
  requestPermission(): Promise<NotificationPermission>;
  beep(): void;
  setTitle(title: string): void;
  hidden(): boolean;
  load(): AttentionPrefs | null;
  save(prefs: AttentionPrefs): void;
}

/**
 * Desktop notification + sound for conversations assigned to me and customer messages in them (only
 * while the tab is hidden), and the unread badge in the title. Permission is asked only when the
 * agent clicks "Turn on", never on load.
 */
export function createAttention(agent: Agent, connection: Pick<AgentConnection, 'onPush'>, inbox: InboxModel, env: AttentionEnv) {
  const prefs = observable<AttentionPrefs>(env.load() ?? DEFAULT_PREFS);
  const permission = observable(env.permission());
  const holders = new Map<string, string | null>();

  function alert(title: string, body: string): void {
    if (!env.hidden()) return;
    const { desktop, sound } = prefs.get();
    if (desktop && permission.get() === 'granted') env.notify(title, body);
    if (sound) env.beep();
  }

  connection.onPush('conversation:updated', (c) => {
    const before = holders.get(c.id);
    holders.set(c.id, c.assigneeId);
    if (newlyMine(before, c, agent.id)) alert('New conversation for you', c.lastMessage?.text ?? c.visitorName ?? 'A customer is waiting');
  });
  connection.onPush('message:new', (m) => {
    const holder = holders.get(m.conversationId) ?? inbox.find(m.conversationId)?.assigneeId;
    if (customerWroteToMe(m, holder, agent.id)) alert(m.author.name ?? 'Customer', m.text);
  });
  inbox.state.subscribe(() => {
    const state = inbox.state.get();
    const mine = state.conversations.filter((c) => c.assigneeId === agent.id);
    env.setTitle(badgeTitle('Hilo console', mine.reduce((n, c) => n + unreadCount(state, c), 0)));
  });

  return {
    prefs,
    permission,
    setPrefs(next: AttentionPrefs): void {
      prefs.set(next);
      env.save(next);
    },
    async enable(): Promise<void> {
      permission.set(await env.requestPermission());
    },
  };
}

export type Attention = ReturnType<typeof createAttention>;

/** The real browser environment; preferences per agent in localStorage. */
export function browserAttentionEnv(agentId: string): AttentionEnv {
  const key = `hilo.console.attention.${agentId}`;
  let audio: AudioContext | null = null;
  return {
    notify: (title, body) => void new Notification(title, { body, tag: 'hilo' }),
    permission: () => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission),
    requestPermission: () => (typeof Notification === 'undefined' ? Promise.resolve('denied') : Notification.requestPermission()),
    beep() {
      try {
        audio ??= new AudioContext();
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        gain.gain.value = 0.05;
        osc.frequency.value = 880;
        osc.connect(gain).connect(audio.destination);
        osc.start();
        osc.stop(audio.currentTime + 0.15);
      } catch {
        // No audio (autoplay policy, no device): the notification still shows.
      }
    },
    setTitle: (title) => {
      document.title = title;
    },
    hidden: () => document.visibilityState === 'hidden',
    load() {
      try {
        const raw = localStorage.getItem(key);
        return raw ? ({ ...DEFAULT_PREFS, ...(JSON.parse(raw) as Partial<AttentionPrefs>) }) : null;
      } catch {
        return null;
      }
    },
    save(prefs) {
      try {
        localStorage.setItem(key, JSON.stringify(prefs));
      } catch {
        // Preferences are a convenience; private mode just forgets them.
      }
    },
  };
}
