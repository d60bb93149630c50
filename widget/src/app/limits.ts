import { LIMITS } from '@hilo/shared/constants';

/** Imported from shared's zod-free entry, so the bundle stays free of the validation library. */
export const MESSAGE_TEXT_MAX = LIMITS.messageText;

/** How many recent messages are cached in localStorage for an instant render after navigation. */
export const CACHED_MESSAGES = 50;
