/**
 * The runtime values of the protocol that carry no validation library, for bundles with a size budget
 * (widget, console): import from `@hilo/shared/constants`.
 */
export { LIMITS } from './limits.js';
export { ERROR_CODES } from './ack.js';
export { DEFAULT_WIDGET_SETTINGS } from './widget-defaults.js';
export { accentOnWhite, inkOn } from './contrast.js';
export { WORKFLOW } from './workflow-constants.js';
export { isWithinHours } from './business-hours.js';

/** Socket.IO namespace the widget connects to. */
export const VISITOR_NAMESPACE = '/visitor';

/** Socket.IO namespace the console connects to; the session cookie authenticates it. */
export const AGENT_NAMESPACE = '/agent';
