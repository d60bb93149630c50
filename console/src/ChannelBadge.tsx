import type { TimelineEntry } from '@hilo/shared';
import { timelineChannelLabel } from './timeline-labels';

/** A small labelled badge naming where something happened: Chat, Email, Phone, Note, System. */
export function ChannelBadge({ channel }: { channel: TimelineEntry['channel'] }) {
  return <span class={`channel-badge channel-${channel}`}>{timelineChannelLabel(channel)}</span>;
}
