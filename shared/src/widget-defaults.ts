import type { WidgetSettings } from './widget-settings.js';

/** What a site that never saved widget settings gets (zod-free: the widget bundle imports it). */
export const DEFAULT_WIDGET_SETTINGS: WidgetSettings = {
  color: '#4f46e5',
  position: 'right',
  offsetX: 20,
  offsetY: 20,
  zIndex: null,
  greeting: '',
  launcherText: '',
  prechat: 'off',
  businessHours: { enabled: false, timeZone: 'UTC', ranges: [] },
  sound: false,
  agents: [],
};
