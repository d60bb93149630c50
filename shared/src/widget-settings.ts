import { z } from 'zod';
import { isTimeZone } from './time-zone.js';

export { DEFAULT_WIDGET_SETTINGS } from './widget-defaults.js';

/**
 * How a site's widget looks and behaves, edited by admins in the console and read by the widget at
 * load (`GET /widget/config/<siteKey>`). Every field has a default, so a site that never saved
 * settings gets a working widget.
 */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM');

/** One weekly opening range in the site's time zone; `day` 0 = Sunday … 6 = Saturday. */
export const businessHoursRangeSchema = z
  .object({ day: z.number().int().min(0).max(6), start: hhmm, end: hhmm })
  .refine((range) => range.start < range.end, 'start must be before end');


export const businessHoursSchema = z.object({
  /** Off: the widget is "open" whenever an agent is online. */
  enabled: z.boolean(),
  /** IANA zone, e.g. `Europe/Madrid`. */
  timeZone: z.string().min(1).max(64).refine(isTimeZone, 'must be an IANA time zone'),
  ranges: z.array(businessHoursRangeSchema).max(28),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

/** How the widget shows one agent: the name shoppers see and an avatar URL (null: initials). */
export const agentProfileSchema = z.object({
  agentId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/),
  displayName: z.string().trim().min(1).max(60),
  avatarUrl: z
    .string()
    .max(500)
    .regex(/^https:\/\/[^\s"'<>]+$/, 'must be an https URL')
    .nullable(),
});
export type AgentProfile = z.infer<typeof agentProfileSchema>;

const PRECHAT_MODES = ['off', 'optional', 'required'] as const;
export type PrechatMode = (typeof PRECHAT_MODES)[number];

export const widgetSettingsSchema = z.object({
  /** Brand colour as `#rrggbb`; the widget picks black or white text on it for AA contrast. */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be #rrggbb'),
  position: z.enum(['left', 'right']),
  /** Launcher distance from the side and bottom edges, in CSS px (room for the page's own controls). */
  offsetX: z.number().int().min(0).max(400),
  offsetY: z.number().int().min(0).max(400),
  /** Null: the snippet's `data-z-index` or the default. */
  zIndex: z.number().int().min(0).max(2147483647).nullable(),
  /** Shown as the first line of an empty conversation; empty: the locale's greeting. */
  greeting: z.string().trim().max(300),
  /** Text beside the launcher icon; empty: icon only. */
  launcherText: z.string().trim().max(40),
  prechat: z.enum(PRECHAT_MODES),
  businessHours: businessHoursSchema,
  /** Play a short sound for agent replies while the panel is closed or the tab hidden. */
  sound: z.boolean(),
  agents: z.array(agentProfileSchema).max(100),
});
export type WidgetSettings = z.infer<typeof widgetSettingsSchema>;

/** `PUT /api/widget-settings` body: some of the fields; the others keep their stored values. */
export const widgetSettingsPatchSchema = widgetSettingsSchema.partial();
export type WidgetSettingsPatch = z.input<typeof widgetSettingsPatchSchema>;

/**
 * `GET /widget/config/<siteKey>`: the settings (all safe to publish) plus colours the server derives
 * from the brand colour, so the widget needs no contrast maths: `ink` is the text colour on the brand
 * colour, `accent` the brand colour where it is readable on white (AA), else a dark grey.
 */
export type WidgetConfig = WidgetSettings & { ink: string; accent: string };
