import type { Call, TimelineEntry } from '@hilo/shared';

const CHANNELS: Record<TimelineEntry['channel'], string> = { chat: 'Chat', email: 'Email', phone: 'Phone', note: 'Note', system: 'System' };

export const timelineChannelLabel = (channel: TimelineEntry['channel']): string => CHANNELS[channel];

/** Runtime copies of the shared lists (the shared module would pull zod into the bundle). */
export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const satisfies readonly Call['direction'][];
export const CALL_OUTCOMES = ['answered', 'missed', 'voicemail', 'busy', 'failed'] as const satisfies readonly Call['outcome'][];

const DIRECTIONS: Record<Call['direction'], string> = { inbound: 'Inbound', outbound: 'Outbound' };
const OUTCOMES: Record<Call['outcome'], string> = { answered: 'Answered', missed: 'Missed', voicemail: 'Voicemail', busy: 'Busy', failed: 'Failed' };

export const callDirectionLabel = (direction: Call['direction']): string => DIRECTIONS[direction];
export const callOutcomeLabel = (outcome: Call['outcome']): string => OUTCOMES[outcome];

/** Call length as m:ss (h:mm:ss past an hour). */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
