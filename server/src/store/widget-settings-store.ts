import { DEFAULT_WIDGET_SETTINGS, widgetSettingsSchema, type WidgetSettings } from '@hilo/shared';
import type { RedisClient } from './redis-client.js';
import { keys } from './keys.js';

export interface WidgetSettingsRepository {
  get(siteId: string): Promise<WidgetSettings>;
  set(siteId: string, settings: WidgetSettings): Promise<void>;
  /** Agents of the site known to routing (id and sign-in name), for the settings page's name list. */
  agentsOf(siteId: string): Promise<{ id: string; name: string }[]>;
}

/**
 * One JSON value per site. Read back through the schema merged over the defaults, so settings saved
 * before a field existed (or damaged by hand) still give a valid widget.
 */
export function createWidgetSettingsStore(redis: RedisClient): WidgetSettingsRepository {
  return {
    async get(siteId) {
      const raw = await redis.get(keys.widgetSettings(siteId));
      if (!raw) return DEFAULT_WIDGET_SETTINGS;
      try {
        const parsed = widgetSettingsSchema.safeParse({ ...DEFAULT_WIDGET_SETTINGS, ...(JSON.parse(raw) as object) });
        return parsed.success ? parsed.data : DEFAULT_WIDGET_SETTINGS;
      } catch {
        return DEFAULT_WIDGET_SETTINGS;
      }
    },
    async set(siteId, settings) {
      await redis.set(keys.widgetSettings(siteId), JSON.stringify(settings));
    },
    async agentsOf(siteId) {
      const ids = (await redis.sMembers(keys.siteAgents(siteId))).map(String).sort();
      const names = await Promise.all(ids.map((id) => redis.hGet(keys.agent(id), 'name')));
      return ids.flatMap((id, i) => (names[i] ? [{ id, name: String(names[i]) }] : []));
    },
  };
}
