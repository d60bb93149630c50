import { accentOnWhite, inkOn, widgetSettingsSchema, type Agent, type WidgetConfig, type WidgetSettings, type WidgetSettingsPatch } from '@hilo/shared';
import { DomainError } from './errors.js';
import type { SiteRepository } from './ports.js';

/** The storage the service needs (store/widget-settings-store.ts implements it). */
export interface WidgetSettingsPort {
  get(siteId: string): Promise<WidgetSettings>;
  set(siteId: string, settings: WidgetSettings): Promise<void>;
  agentsOf(siteId: string): Promise<{ id: string; name: string }[]>;
}

/** The settings page's data: the settings and the site's agents (the reader always among them). */
export interface WidgetSettingsView {
  settings: WidgetSettings;
  agents: { id: string; name: string }[];
}

export interface WidgetSettingsService {
  /** Public: what the widget of the site with this key reads at load; null for an unknown key. */
  configFor(siteKey: string): Promise<WidgetConfig | null>;
  /** Any agent of the site may read (the console shows names and avatars); only admins change. */
  read(agent: Agent): Promise<WidgetSettingsView>;
  update(agent: Agent, patch: WidgetSettingsPatch): Promise<WidgetSettings>;
}

export function createWidgetSettingsService({ sites, settings }: { sites: SiteRepository; settings: WidgetSettingsPort }): WidgetSettingsService {
  return {
    async configFor(siteKey) {
      const site = await sites.findByPublicKey(siteKey);
      if (!site) return null;
      const current = await settings.get(site.id);
      return { ...current, ink: inkOn(current.color), accent: accentOnWhite(current.color) };
    },
    async read(agent) {
      const [current, known] = await Promise.all([settings.get(agent.siteId), settings.agentsOf(agent.siteId)]);
      const agents = known.some((a) => a.id === agent.id) ? known : [{ id: agent.id, name: agent.name }, ...known];
      return { settings: current, agents };
    },
    async update(agent, patch) {
      if (agent.role !== 'admin') throw new DomainError('forbidden', 'Only admins change the widget settings');
      // The patch was validated field by field; the merged whole is validated again before storing.
      const next = widgetSettingsSchema.parse({ ...(await settings.get(agent.siteId)), ...patch });
      await settings.set(agent.siteId, next);
      return next;
    },
  };
}
